"""The Java test bed: the product's Java program, as shipped, under a real JVM against a stand-in IRRRacf.jar.

- ``jdk()``: the JDK's ``java``, ``javac`` and ``jar`` (``make jdk-deps``
  installs ``openjdk-17-jdk-headless``); raises ``JdkMissing`` naming what to
  install when one is missing.
- ``standin_jar()``: the stand-in ``IRRRacf.jar``, compiled from
  ``tests/java/irrracf`` with ``javac`` and ``JAVAC_FLAGS`` and
  packed with ``jar`` into ``.build/java/irrracf-<hash of the sources>/``
  (built once per content, atomically, so concurrent test runs share it;
  never committed).
- ``product_source()``: ``EVALUATE_JAVA_SOURCE``, read with ``ast`` from
  ``plugins/module_utils/_zos/evaluate_java.py``: the very text a module
  writes to z/OS.
- ``EvaluateProgram(launch, jar)``: the program ready to run as the module
  runs it on z/OS: ``launch="source"`` writes it to a private (0700)
  temporary folder and runs ``java -cp <jar> PassTicketEvaluate.java``
  (source launcher, Java 11+); ``launch="javac"`` compiles it there with
  ``javac JAVAC_FLAGS -cp <jar>`` (``--release 8``: the Java 8 path) and runs ``java -cp
  <classes>:<jar> PassTicketEvaluate``. ``run(stdin_bytes, host_dir)`` runs
  it with no arguments, the request on stdin, against the simulated host
  (``ZOSSIM_STATE``; the simulator's ``bin`` directory and this Python first
  on ``PATH``, so the stand-in finds the ``ticketserv`` shim); returns the
  CompletedProcess (bytes).
"""

import ast
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
STANDIN_SOURCES = Path(__file__).resolve().parent / "irrracf"
PRODUCT_FILE = REPO / "plugins" / "module_utils" / "_zos" / "evaluate_java.py"
SIM_BIN = REPO / "tests" / "simulator" / "bin"
BUILD = REPO / ".build" / "java"
JDK_PACKAGE = "openjdk-17-jdk-headless"
PROGRAM_CLASS = "PassTicketEvaluate"
LAUNCHES = ("source", "javac")
# Java 8 API only, every lint warning an error (but the one newer JDKs give
# for --release 8 itself, "source value 8 is obsolete")
JAVAC_FLAGS = ("--release", "8", "-Xlint:all", "-Xlint:-options", "-Werror")
# HotSpot start-up options for the test runs only (they shorten the source
# launcher's in-memory compile; they change nothing the program does)
TEST_JVM_OPTIONS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")


class JdkMissing(AssertionError):
    """No usable JDK: the message says what to install."""


def jdk():
    """``{"java": path, "javac": path, "jar": path}``, or raise JdkMissing."""
    tools = {name: shutil.which(name) for name in ("java", "javac", "jar")}
    missing = [name for name, path in tools.items() if path is None]
    if missing:
        raise JdkMissing(
            "the Java test bed needs {0} from a JDK 11 or later: run 'make jdk-deps' "
            "(Debian: apt-get install {1})".format(", ".join(missing), JDK_PACKAGE)
        )
    return tools


def product_constant(name):
    """A string constant of ``plugins/module_utils/_zos/evaluate_java.py``, read without importing the collection."""
    tree = ast.parse(PRODUCT_FILE.read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(target, "id", None) == name for target in node.targets):
            return ast.literal_eval(node.value)
    raise LookupError("{0} has no constant {1}".format(PRODUCT_FILE, name))


def product_source():
    """``EVALUATE_JAVA_SOURCE`` exactly as the collection ships it."""
    return product_constant("EVALUATE_JAVA_SOURCE")


def _run(argv, **kwargs):
    proc = subprocess.run([str(arg) for arg in argv], capture_output=True, check=False, **kwargs)
    if proc.returncode != 0:
        raise AssertionError(
            "{0} failed (rc {1}):\n{2}{3}".format(
                " ".join(str(arg) for arg in argv),
                proc.returncode,
                proc.stdout.decode(errors="replace"),
                proc.stderr.decode(errors="replace"),
            )
        )
    return proc


def standin_sources():
    return sorted(STANDIN_SOURCES.rglob("*.java"))


def standin_jar():
    """The stand-in IRRRacf.jar for the current sources (built when missing)."""
    tools = jdk()
    digest = hashlib.sha256()
    for path in standin_sources():
        digest.update(str(path.relative_to(STANDIN_SOURCES)).encode() + b"\0" + path.read_bytes() + b"\0")
    target = BUILD / "irrracf-{0}".format(digest.hexdigest()[:16])
    jar = target / "IRRRacf.jar"
    if jar.is_file():
        return jar
    BUILD.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="irrracf-build-", dir=str(BUILD)))
    try:
        classes = work / "classes"
        classes.mkdir()
        _run([tools["javac"]] + list(JAVAC_FLAGS) + ["-d", classes] + standin_sources())
        _run([tools["jar"], "--create", "--file", work / "IRRRacf.jar", "-C", classes, "."])
        try:
            os.replace(str(work), str(target))
        except OSError:  # another run built the same jar first
            if not jar.is_file():
                raise
    finally:
        shutil.rmtree(str(work), ignore_errors=True)
    return jar


def host_env(host_dir, extra=None):
    """The environment of a process on the simulated host: ZOSSIM_STATE, the simulator's bin and this Python on PATH."""
    env = dict(os.environ, ZOSSIM_STATE=str(host_dir))
    env["PATH"] = "{0}:{1}:{2}".format(SIM_BIN, Path(sys.executable).parent, os.environ.get("PATH", ""))
    env.update(extra or {})
    return env


class EvaluateProgram:
    """The product's Java program, written (and for ``javac`` compiled) in a private temporary folder."""

    def __init__(self, launch, jar, source=None):
        if launch not in LAUNCHES:
            raise ValueError("launch must be one of {0}".format(LAUNCHES))
        self.launch = launch
        self.jar = Path(jar)
        self.tools = jdk()
        self.folder = Path(tempfile.mkdtemp(prefix="passticket-java-"))  # mode 0700
        self.source_file = self.folder / (PROGRAM_CLASS + ".java")
        text = product_source() if source is None else source
        self.source_file.write_bytes(text.encode("ascii"))
        self.classes = None
        if launch == "javac":
            self.classes = self.folder / "classes"
            self.classes.mkdir(mode=0o700)
            _run([self.tools["javac"]] + list(JAVAC_FLAGS) + ["-cp", self.jar, "-d", self.classes, self.source_file])

    def argv(self, class_path=None):
        """The command line (no program arguments: everything goes on stdin)."""
        if self.launch == "source":
            return [self.tools["java"], "-cp", class_path or self.jar, self.source_file]
        return [self.tools["java"], "-cp", class_path or "{0}:{1}".format(self.classes, self.jar), PROGRAM_CLASS]

    def run(self, stdin, host_dir, class_path=None, env=None, java_options=()):
        """Run it against the simulated host ``host_dir`` with ``stdin`` (bytes); returns the CompletedProcess."""
        argv = self.argv(class_path)
        argv[1:1] = list(TEST_JVM_OPTIONS) + list(java_options)
        return subprocess.run(
            [str(arg) for arg in argv],
            input=stdin,
            capture_output=True,
            check=False,
            env=host_env(host_dir, env),
            timeout=600,
        )

    def close(self):
        shutil.rmtree(str(self.folder), ignore_errors=True)
