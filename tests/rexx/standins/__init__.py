"""Stand-ins for the z/OS programs the bundled execs call (see tests/rexx/README.md)."""
