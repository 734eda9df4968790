"""TSO command syntax: tokenizing, operand trees and keyword resolution.

A command image becomes a verb and a list of ``Operand`` trees:
``RALTER PTKTDATA IOSHMCSM.HOSTUSR SSIGNON(TYPE(UPPER))`` gives operands
``PTKTDATA``, ``IOSHMCSM.HOSTUSR`` and ``SSIGNON`` whose ``args`` hold ``TYPE``
whose ``args`` hold ``UPPER``. Blanks before ``(`` are allowed
(``RACLIST (PTKTDATA)``), commas separate like blanks, quoted strings use
single quotes with doubled quotes inside and keep their case; everything else
is folded to upper case. Keywords are matched against a command's grammar
accepting any unique abbreviation (TSO rule). Errors raise ``TsoParseError``
carrying the IKJ messages TSO prints.
"""


class TsoParseError(Exception):
    """A TSO parse failure; ``lines`` are the IKJ messages to print."""

    def __init__(self, *lines):
        super().__init__("\n".join(lines))
        self.lines = list(lines)


def invalid_keyword(word):
    return TsoParseError("IKJ56712I INVALID KEYWORD, {0}".format(word))


def invalid_operand(what, value):
    return TsoParseError("IKJ56702I INVALID {0}, {1}".format(what, value))


class Operand:
    """One operand: a word or quoted string, optionally with parenthesised args."""

    __slots__ = ("text", "quoted", "args")

    def __init__(self, text, quoted=False, args=None):
        self.text = text
        self.quoted = quoted
        self.args = args

    def __repr__(self):
        return "Operand({0!r}, quoted={1}, args={2!r})".format(self.text, self.quoted, self.args)


def _read_quoted(image, pos):
    """Return (text, next position) of the quoted string starting at image[pos]."""
    chars = []
    pos += 1
    while pos < len(image):
        char = image[pos]
        if char == "'":
            if pos + 1 < len(image) and image[pos + 1] == "'":
                chars.append("'")
                pos += 2
                continue
            return "".join(chars), pos + 1
        chars.append(char)
        pos += 1
    raise TsoParseError("IKJ56706I QUOTE MISSING FROM STRING, {0}".format(image[image.rfind("'", 0, pos):][:20]))


def tokenize(image):
    """Split a command image into tokens: ('(' | ')' | 'word' | 'quoted', text)."""
    tokens = []
    pos = 0
    while pos < len(image):
        char = image[pos]
        if char in " ,\t":
            pos += 1
        elif char in "()":
            tokens.append((char, char))
            pos += 1
        elif char == "'":
            text, pos = _read_quoted(image, pos)
            tokens.append(("quoted", text))
        else:
            start = pos
            while pos < len(image) and image[pos] not in " ,\t()'":
                pos += 1
            tokens.append(("word", image[start:pos].upper()))
    return tokens


def _parse_operands(tokens, pos, depth):
    operands = []
    while pos < len(tokens):
        kind, text = tokens[pos]
        if kind == ")":
            if depth == 0:
                raise invalid_keyword(")")
            return operands, pos + 1
        if kind == "(":
            # a parenthesised list with no keyword before it: a list of values
            args, pos = _parse_operands(tokens, pos + 1, depth + 1)
            operands.append(Operand("", args=args))
            continue
        operand = Operand(text, quoted=(kind == "quoted"))
        pos += 1
        if pos < len(tokens) and tokens[pos][0] == "(":
            operand.args, pos = _parse_operands(tokens, pos + 1, depth + 1)
        operands.append(operand)
    if depth:
        raise TsoParseError("IKJ56703I RIGHT PARENTHESIS MISSING")
    return operands, pos


def parse(image):
    """Parse a command image into (verb word, [Operand])."""
    tokens = tokenize(image)
    if not tokens or tokens[0][0] != "word":
        raise TsoParseError("IKJ56500I COMMAND NOT FOUND")
    operands, _pos = _parse_operands(tokens, 1, 0)
    return tokens[0][1], operands


def resolve(word, names, aliases=None):
    """Resolve a keyword: exact name, alias, or unique abbreviation of a name."""
    aliases = aliases or {}
    if word in names:
        return word
    if word in aliases:
        return aliases[word]
    matches = [name for name in names if name.startswith(word)]
    if len(matches) == 1 and word:
        return matches[0]
    raise invalid_keyword(word)


# Keyword kinds of a grammar: a flag takes no value, a value exactly one, a
# list one or more, a segment nested keywords, raw anything (kept verbatim).
FLAG, VALUE, LIST, SEGMENT, RAW = "flag", "value", "list", "segment", "raw"


def _value_text(operand):
    if operand.args is not None and not operand.quoted:
        raise invalid_keyword(operand.text or "(")
    return operand.text


def bind(operands, grammar, aliases=None):
    """Bind keyword operands to a grammar {NAME: kind | (SEGMENT, subgrammar)}.

    Returns {NAME: True | str | [str] | {sub} | [Operand]}; a keyword given
    twice keeps the last value (TSO behaviour).
    """
    bound = {}
    for operand in operands:
        if operand.quoted or not operand.text:
            raise invalid_keyword(operand.text or "(")
        name = resolve(operand.text, grammar, aliases)
        kind = grammar[name]
        subgrammar = None
        if isinstance(kind, tuple):
            kind, subgrammar = kind
        if kind == FLAG:
            if operand.args is not None:
                raise invalid_keyword(")")
            bound[name] = True
            continue
        if operand.args is None or (kind != RAW and not operand.args):
            raise TsoParseError("IKJ56701I MISSING {0} OPERAND".format(name))
        if kind == VALUE:
            if len(operand.args) != 1:
                raise invalid_operand(name, " ".join(arg.text for arg in operand.args))
            bound[name] = _value_text(operand.args[0])
        elif kind == LIST:
            values = []
            for arg in operand.args:
                values.extend([_value_text(sub) for sub in arg.args] if not arg.text and arg.args else [_value_text(arg)])
            bound[name] = values
        elif kind == SEGMENT:
            bound[name] = bind(operand.args, subgrammar)
        else:
            bound[name] = operand.args
    return bound
