"""Article text and metadata out of an HTML page (selectolax), leaving scripts and page chrome behind."""

from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode as Node

# Elements that never hold article prose.
_DROP = (
    "script, style, noscript, nav, footer, aside, form, iframe, svg, button, figcaption, "
    "template, object, embed, [role=navigation], [role=banner], [role=contentinfo], "
    "[aria-hidden=true], .share, .social, .newsletter, .subscribe, .related, .advert, .ads"
)
_BLOCKS = "h1, h2, h3, h4, p, li, blockquote, pre, time"
# A byline is often a bare <div class="meta">17 April 2025, 14:05 · Transport</div>: kept as a
# line so the publication date can be read from it (a wrapper holding paragraphs is not).
_BYLINE_BLOCKS = (
    '[class*="byline"], [class*="date"], [class*="meta"], [class*="published"], '
    '[class*="posted"], [class*="dateline"]'
)


_PROSE_TAGS = {"h1", "h2", "h3", "h4", "p", "pre"}


@dataclass(frozen=True)
class HtmlPage:
    """What an HTML page gives: the readable text and whatever metadata it declares."""

    text: str
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None  # raw value (ISO timestamp or date string), parsed by the caller


def _meta(tree: HTMLParser, *keys: str) -> str | None:
    for key in keys:
        for attribute in ("property", "name", "itemprop"):
            node = tree.css_first(f'meta[{attribute}="{key}"]')
            content = node.attributes.get("content") if node is not None else None
            if content and content.strip():
                return content.strip()
    return None


def _content_root(tree: HTMLParser) -> Node | None:
    for selector in ("article", "main", "[itemprop=articleBody]", "body"):
        node = tree.css_first(selector)
        if node is not None and node.text(strip=True):
            return node
    return tree.root


def html_to_text(html: str) -> HtmlPage:
    """Readable article text (one block per line, blank line between) and page metadata."""
    tree = HTMLParser(html)
    title_node = tree.css_first("h1") or tree.css_first("title")
    title = title_node.text(strip=True) if title_node is not None else None
    canonical = tree.css_first('link[rel="canonical"]')
    url = (canonical.attributes.get("href") if canonical is not None else None) or _meta(
        tree, "og:url"
    )
    time_node = tree.css_first("time[datetime]")
    published = _meta(
        tree, "article:published_time", "datePublished", "pubdate", "date", "dc.date"
    ) or (time_node.attributes.get("datetime") if time_node is not None else None)
    outlet = _meta(tree, "og:site_name", "application-name", "publisher")

    for node in tree.css(_DROP):
        node.decompose()
    root = _content_root(tree)
    blocks: list[str] = []
    if root is not None:
        for node in root.css(f"{_BLOCKS}, {_BYLINE_BLOCKS}"):
            # a list item, quote or byline box that wraps paragraphs would repeat their text
            if node.css_first("p, li") is not None and node.tag not in _PROSE_TAGS:
                continue
            if node.tag not in _PROSE_TAGS | {"time"} and node.css_first("h1, h2, h3, h4"):
                continue
            text = " ".join(node.text(separator=" ", strip=True).split())
            # a <time> inside a byline already kept gives its text again
            if text and not (blocks and len(text) < 80 and text in blocks[-1]):
                blocks.append(text)
        if not blocks:
            blocks = [
                line.strip() for line in root.text(separator="\n").splitlines() if line.strip()
            ]
    if title and (not blocks or blocks[0] != title):
        blocks.insert(0, title)
    return HtmlPage("\n\n".join(blocks), title, outlet, url, published)


def looks_like_html(text: str) -> bool:
    """True when the text is an HTML document or fragment rather than prose."""
    head = text.lstrip()[:2000].lower()
    return head.startswith(("<!doctype html", "<html")) or (
        "<body" in head or ("<p>" in head and "</p>" in head) or "<article" in head
    )
