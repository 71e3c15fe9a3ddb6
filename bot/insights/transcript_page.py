"""The redacted transcript of one conversation as a small HTML page for service designers."""

from __future__ import annotations

from string import Template

from bot.insights.report_html_parts import _esc, _labels
from bot.insights.transcript import Transcript

TRANSCRIPT_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 50em; padding: 0 1em; color: #222; }
h1 { font-size: 1.5em; } .note { color: #555; } a { color: #0050b3; }
ol.transcript { list-style: none; padding: 0; }
ol.transcript li { border-left: 4px solid #1f5f99; margin: 0 0 0.75em; padding: 0.25em 0.75em; }
ol.transcript li.user { border-left-color: #6b4f00; background: #fff6d6; }
.who { font-weight: bold; } .at { color: #555; font-size: 0.85em; }
.text { white-space: pre-wrap; margin: 0; }
"""
"""The page's one inline style block; the reports channel allows exactly it by hash."""

PAGE = Template(
    """<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>$title</title>
<style>"""
    + TRANSCRIPT_STYLE.replace("$", "$$")
    + """</style>
</head>
<body>
<main>
<p><a href="$back_href">$back</a></p>
<h1>$title</h1>
$body
</main>
</body>
</html>
"""
)


def render_transcript(transcript: Transcript | None, label: str, back_href: str = "./") -> str:
    """The transcript page, or the page saying the conversation is no longer stored."""
    labels = _labels()
    title = Template(labels["transcript_title"]).substitute(label=label)
    if transcript is None:
        body = f'<p class="note">{_esc(labels["transcript_missing"])}</p>'
    else:
        parts = [f'<p class="note">{_esc(labels["transcript_intro"])}</p>']
        counts = Template(labels["transcript_counts"]).substitute(
            redactions=transcript.redactions, withheld=transcript.withheld
        )
        parts.append(f'<p class="note">{_esc(counts)}</p>')
        if transcript.truncated:
            parts.append(f'<p class="note">{_esc(labels["transcript_truncated"])}</p>')
        if not transcript.lines:
            parts.append(f"<p>{_esc(labels['transcript_empty'])}</p>")
        else:
            items = []
            for line in transcript.lines:
                who = labels["transcript_user"] if line.speaker == "user" else labels["transcript_bot"]
                items.append(
                    f'<li class="{_esc(line.speaker)}"><span class="who">{_esc(who)}</span> '
                    f'<span class="at">{_esc(line.at.strftime("%Y-%m-%d %H:%M"))} UTC</span>'
                    f'<p class="text">{_esc(line.text)}</p></li>'
                )
            parts.append('<ol class="transcript">' + "".join(items) + "</ol>")
        body = "\n".join(parts)
    return PAGE.substitute(
        title=_esc(title), back=_esc(labels["transcript_back"]), back_href=_esc(back_href), body=body
    )
