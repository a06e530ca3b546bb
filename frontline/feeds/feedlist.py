"""Which feeds to watch: URLs given on the command line, or YAML and OPML files that list them.

A bad entry (not http or https, a file that cannot be read) is one line naming it; the
other feeds are still watched. The same URL given twice is watched once.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

EXAMPLES = Path(__file__).with_name("examples.yaml")


@dataclass(frozen=True, slots=True)
class FeedSource:
    """One feed: its URL, and the outlet name its articles are stored under (None: the feed's title)."""

    url: str
    outlet: str | None = None


@dataclass(slots=True)
class FeedList:
    feeds: list[FeedSource] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # one line each: what was given, and why it is unusable


def examples_text() -> str:
    """The example feed list shipped with the package, as written (comments included)."""
    return EXAMPLES.read_text(encoding="utf-8")


def read_feed_list(arguments: list[str]) -> FeedList:
    """Every feed named by `arguments` (URLs, .yaml/.yml or .opml/.xml files), in order, each once."""
    found = FeedList()
    seen: set[str] = set()
    for argument in arguments:
        sources: list[FeedSource] = []
        if is_web_url(argument):
            sources = [FeedSource(argument)]
        else:
            try:
                sources = _read_file(Path(argument), found.problems)
            except ValueError as error:
                found.problems.append(f"{argument}: {error}")
        for source in sources:
            if source.url not in seen:
                seen.add(source.url)
                found.feeds.append(source)
    return found


def is_web_url(text: str) -> bool:
    parts = urlsplit(text.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _read_file(path: Path, problems: list[str]) -> list[FeedSource]:
    if "://" in str(path):
        raise ValueError("only http:// and https:// feeds can be watched")
    if not path.is_file():
        raise ValueError("no such file (give a feed URL, or a .yaml or .opml file listing feeds)")
    suffix = path.suffix.lower()
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ValueError(f"cannot read the file: {error.strerror or error}") from None
    if suffix in (".yaml", ".yml"):
        entries = _yaml_entries(raw)
    elif suffix in (".opml", ".xml"):
        entries = _opml_entries(raw)
    else:
        raise ValueError("not a feed list: give a .yaml or .opml file, or a feed URL")
    sources = []
    for number, (url, outlet) in enumerate(entries, start=1):
        if not isinstance(url, str) or not is_web_url(url):
            problems.append(f"{path}: entry {number}: {url!r} is not an http:// or https:// URL; skipped")
            continue
        sources.append(FeedSource(url.strip(), outlet.strip() if isinstance(outlet, str) and outlet.strip() else None))
    return sources


def _yaml_entries(raw: bytes) -> list[tuple[object, object]]:
    """`feeds: [{url, outlet}, ...]`, a bare list of those, or a bare list of URLs."""
    import yaml

    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as error:
        raise ValueError(f"not valid YAML ({str(error).splitlines()[0]})") from None
    if isinstance(data, dict):
        data = data.get("feeds")
    if not isinstance(data, list):
        raise ValueError("no list of feeds (expected `feeds:` followed by entries with a `url`)")
    return [(entry.get("url"), entry.get("outlet")) if isinstance(entry, dict) else (entry, None) for entry in data]


def _opml_entries(raw: bytes) -> list[tuple[object, object]]:
    """Every <outline xmlUrl=...> at any depth, as feed readers export them."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as error:
        raise ValueError(f"not valid OPML ({error})") from None
    outlines = [node for node in root.iter("outline") if node.get("xmlUrl")]
    if not outlines:
        raise ValueError("no <outline xmlUrl=...> entries: not an OPML feed list")
    return [(node.get("xmlUrl"), node.get("title") or node.get("text")) for node in outlines]
