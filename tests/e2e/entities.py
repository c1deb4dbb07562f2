"""Telegram's text rules for the emulator: HTML parse mode, entities, length and trimming.

The HTML parser follows the behaviour of Telegram's own (tdlib's `parse_html`): it walks the
UTF-8 bytes, supports only Telegram's tags, decodes `&lt; &gt; &amp; &quot;` and numeric
references (any other `&name;` stays literal text), and reports errors with the same words and
byte offsets, so the bot sees "can't parse entities: ..." exactly as from api.telegram.org.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Final

TEXT_LIMIT: Final = 4096
CAPTION_LIMIT: Final = 1024

_SUPPORTED_TAGS: Final = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "s",
        "strike",
        "del",
        "u",
        "ins",
        "tg-spoiler",
        "tg-emoji",
        "span",
        "pre",
        "code",
        "blockquote",
    }
)
_SIMPLE_ENTITY_TYPES: Final = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "blockquote": "blockquote",
}
_NAMED_REFERENCES: Final = {b"lt": "<", b"gt": ">", b"amp": "&", b"quot": '"'}
_SPACE: Final = frozenset(b" \t\r\n\f\v")
_BOT_COMMAND: Final = re.compile(
    r"(?<![\w/<>])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\w/<>])"
)


class EntityParseError(ValueError):
    """The text is not valid in its parse mode; str() is Telegram's message."""


@dataclass
class _OpenTag:
    name: str
    argument: str
    utf16_start: int
    text_start: int  # index into the output characters


@dataclass
class _Output:
    chars: list[str] = field(default_factory=list)
    utf16: int = 0

    def add(self, char: str) -> None:
        self.chars.append(char)
        self.utf16 += utf16_length(char)


def utf16_length(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram's entity offsets."""
    return sum(2 if ord(ch) > 0xFFFF else 1 for ch in text)


def text_length(text: str) -> int:
    """Length as Telegram limits it (characters of the parsed text)."""
    return len(text)


def _at(data: bytes, index: int) -> int:
    """The byte at `index`, or 0 past the end (the C string terminator tdlib relies on)."""
    return data[index] if index < len(data) else 0


def _decode_reference(data: bytes, pos: int) -> tuple[str, int] | None:
    """Decode `&...;` at `pos`: the character and the position after it, or None."""
    end = pos + 1
    if _at(data, end) == ord("#"):
        end += 1
        value = 0
        if _at(data, end) == ord("x"):
            end += 1
            while chr(_at(data, end)) in "0123456789abcdefABCDEF" and _at(data, end):
                value = value * 16 + int(chr(data[end]), 16)
                end += 1
        else:
            while ord("0") <= _at(data, end) <= ord("9"):
                value = value * 10 + data[end] - ord("0")
                end += 1
        if value == 0 or value >= 0x10FFFF or end - pos >= 10:
            return None
        char = chr(value)
    else:
        while chr(_at(data, end)).isascii() and chr(_at(data, end)).isalpha():
            end += 1
        named = _NAMED_REFERENCES.get(data[pos + 1 : end])
        if named is None:
            return None
        char = named
    if _at(data, end) == ord(";"):
        end += 1
    return char, end


def _read_attribute_value(data: bytes, i: int) -> tuple[str, int]:
    """A quoted string or a name token starting at `i`; returns the value and next index."""
    quote = data[i]
    if quote not in (ord("'"), ord('"')):
        start = i
        while chr(_at(data, i)).isascii() and (
            chr(_at(data, i)).isalnum() or _at(data, i) in b".-"
        ):
            i += 1
        if _at(data, i) not in _SPACE and _at(data, i) != ord(">"):
            raise EntityParseError(f"Unexpected end of name token at byte offset {start}")
        return data[start:i].decode("utf-8", "replace").lower(), i
    i += 1
    value: list[str] = []
    raw = bytearray()
    while _at(data, i) not in (quote, 0):
        if data[i] == ord("&"):
            decoded = _decode_reference(data, i)
            if decoded is not None:
                value.append(raw.decode("utf-8", "replace"))
                raw.clear()
                value.append(decoded[0])
                i = decoded[1]
                continue
        raw.append(data[i])
        i += 1
    value.append(raw.decode("utf-8", "replace"))
    if _at(data, i) == quote:
        i += 1
    return "".join(value), i


def _read_start_tag(data: bytes, begin: int) -> tuple[str, str, int]:
    """Parse `<tag attr=...>` at `begin`; returns tag name, argument and index of '>'."""
    i = begin + 1
    while _at(data, i) not in _SPACE and _at(data, i) != ord(">"):
        if _at(data, i) == 0:
            raise EntityParseError(f"Unclosed start tag at byte offset {begin}")
        i += 1
    name = data[begin + 1 : i].decode("utf-8", "replace").lower()
    if name not in _SUPPORTED_TAGS:
        raise EntityParseError(f'Unsupported start tag "{name}" at byte offset {begin}')
    argument, i = _read_attributes(data, i, name, begin)
    if name == "span" and argument != "spoiler":
        raise EntityParseError(f'Tag "span" must have class "tg-spoiler" at byte offset {begin}')
    return name, argument, i


def _read_attributes(data: bytes, i: int, name: str, begin: int) -> tuple[str, int]:
    """The attributes of a start tag up to its '>': the tag's argument and the '>' index."""
    argument = ""
    while _at(data, i) != ord(">"):
        while _at(data, i) in _SPACE:
            i += 1
        if _at(data, i) == ord(">"):
            break
        attr_start = i
        while _at(data, i) not in _SPACE and _at(data, i) not in (ord("="), 0):
            i += 1
        attribute = data[attr_start:i].decode("utf-8", "replace")
        if not attribute:
            raise EntityParseError(
                f'Empty attribute name in the tag "{name}" at byte offset {begin}'
            )
        while _at(data, i) in _SPACE:
            i += 1
        if _at(data, i) != ord("="):
            raise EntityParseError(
                "Expected equal sign in declaration of an attribute of the "
                f'tag "{name}" at byte offset {begin}'
            )
        i += 1
        while _at(data, i) in _SPACE:
            i += 1
        if _at(data, i) == 0:
            raise EntityParseError(f'Unclosed start tag "{name}" at byte offset {begin}')
        value, i = _read_attribute_value(data, i)
        if _at(data, i) == 0:
            raise EntityParseError(f"Unclosed start tag at byte offset {begin}")
        argument = _tag_argument(name, attribute, value, argument)
    return argument, i


def _tag_argument(name: str, attribute: str, value: str, current: str) -> str:
    if name == "a" and attribute == "href":
        return value
    if name == "code" and attribute == "class" and value.startswith("language-"):
        return value.removeprefix("language-")
    if name == "span" and attribute == "class" and value.startswith("tg-"):
        return value.removeprefix("tg-")
    if name == "tg-emoji" and attribute == "emoji-id":
        return value
    return current


def _close_entity(tag: _OpenTag, out: _Output, entities: list[dict[str, Any]]) -> None:
    length = out.utf16 - tag.utf16_start
    if length <= 0:
        return
    entity: dict[str, Any] = {"offset": tag.utf16_start, "length": length}
    if tag.name in _SIMPLE_ENTITY_TYPES:
        entity["type"] = _SIMPLE_ENTITY_TYPES[tag.name]
    elif tag.name == "tg-emoji":
        if not tag.argument.isdigit() or int(tag.argument) == 0:
            raise EntityParseError("Invalid custom emoji identifier specified")
        entity.update(type="custom_emoji", custom_emoji_id=tag.argument)
    elif tag.name == "a":
        url = (tag.argument or "".join(out.chars[tag.text_start :])).strip()
        if not url or any(ch.isspace() for ch in url):
            return
        entity.update(type="text_link", url=url)
    elif _merge_pre_and_code(tag, entity, entities):
        return
    entities.append(entity)


def _merge_pre_and_code(
    tag: _OpenTag, entity: dict[str, Any], entities: list[dict[str, Any]]
) -> bool:
    """`<pre><code class="language-x">` is one `pre` entity with a language; True if merged."""
    last = entities[-1] if entities else None
    same_span = bool(
        last and (last["offset"], last["length"]) == (entity["offset"], entity["length"])
    )
    if tag.name == "pre":
        if last and same_span and last["type"] == "code" and last.get("language"):
            last["type"] = "pre"
            return True
        entity["type"] = "pre"
        return False
    if last and same_span and last["type"] == "pre" and tag.argument:
        last["language"] = tag.argument
        return True
    entity["type"] = "code"
    if tag.argument:
        entity["language"] = tag.argument
    return False


def parse_html(source: str) -> tuple[str, list[dict[str, Any]]]:
    """Telegram's HTML parse mode: the plain text and its entities (UTF-16 offsets)."""
    data = source.encode("utf-8", "surrogatepass")
    out = _Output()
    raw = bytearray()  # undecoded run of ordinary bytes
    stack: list[_OpenTag] = []
    entities: list[dict[str, Any]] = []

    def flush() -> None:
        if raw:
            for ch in raw.decode("utf-8", "replace"):
                out.add(ch)
            raw.clear()

    i = 0
    while i < len(data):
        byte = data[i]
        if byte == ord("&"):
            decoded = _decode_reference(data, i)
            if decoded is not None:
                flush()
                out.add(decoded[0])
                i = decoded[1]
                continue
        if byte != ord("<"):
            raw.append(byte)
            i += 1
            continue
        flush()
        begin = i
        if _at(data, i + 1) != ord("/"):
            name, argument, i = _read_start_tag(data, begin)
            stack.append(_OpenTag(name, argument, out.utf16, len(out.chars)))
            i += 1
            continue
        if not stack:
            raise EntityParseError(f"Unexpected end tag at byte offset {begin}")
        i += 2
        while _at(data, i) not in _SPACE and _at(data, i) not in (ord(">"), 0):
            i += 1
        end_name = data[begin + 2 : i].decode("utf-8", "replace").lower()
        while _at(data, i) in _SPACE:
            i += 1
        if _at(data, i) != ord(">"):
            raise EntityParseError(f"Unclosed end tag at byte offset {begin}")
        if end_name and end_name != stack[-1].name:
            raise EntityParseError(
                f"Unmatched end tag at byte offset {begin}, expected "
                f'"</{stack[-1].name}>", found "</{end_name}>"'
            )
        _close_entity(stack.pop(), out, entities)
        i += 1
    flush()
    if stack:
        raise EntityParseError(f"Can't find end tag corresponding to start tag {stack[-1].name}")
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out.chars), entities


def trim(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Drop leading and trailing whitespace as Telegram does, keeping entities in place."""
    stripped = text.strip()
    if stripped == text:
        return text, entities
    shift = utf16_length(text[: len(text) - len(text.lstrip())])
    limit = utf16_length(stripped)
    kept = []
    for entity in entities:
        start = max(entity["offset"] - shift, 0)
        end = min(entity["offset"] + entity["length"] - shift, limit)
        if end > start:
            kept.append({**entity, "offset": start, "length": end - start})
    return stripped, kept


def format_text(
    text: str, parse_mode: str | None, entities: list[dict[str, Any]] | None = None
) -> tuple[str, list[dict[str, Any]]]:
    """The text and entities Telegram would store for `text` sent with `parse_mode`."""
    mode = (parse_mode or "").strip()
    if mode.lower() == "html":
        try:
            plain, found = parse_html(text)
        except EntityParseError as exc:
            raise EntityParseError(f"can't parse entities: {exc}") from None
    elif mode.lower() in ("", "none"):
        plain, found = text, list(entities or [])
    elif mode.lower() in ("markdown", "markdownv2"):
        plain, found = text, []  # not parsed by the emulator; the bot uses HTML
    else:
        raise EntityParseError("unsupported parse_mode")
    return trim(plain, found)


def command_entities(text: str) -> list[dict[str, Any]]:
    """`bot_command` entities, as Telegram's clients attach them to a user's message."""
    return [
        {
            "type": "bot_command",
            "offset": utf16_length(text[: m.start()]),
            "length": utf16_length(m.group()),
        }
        for m in _BOT_COMMAND.finditer(text)
    ]
