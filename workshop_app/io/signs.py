"""Door signs: "SURNAMES A–J", the workshop, the room and the round, in type you can read
from across a corridor. One sign per A4 landscape page; the file needs nothing else.
"""

from __future__ import annotations

import html

from workshop_app.io.room_lists import RoomRound


def render_signs(places: list[RoomRound], event_name: str) -> str:
    """Print-ready HTML: one sign per room and round, in programme order, round by round."""
    signs = []
    for place in places:
        workshop = place.workshop
        lines = [
            f'<p class="round">{html.escape(place.round_label)}</p>',
            f'<h1 class="surnames">SURNAMES {html.escape(place.surnames)}</h1>',
            f'<h2 class="workshop">{html.escape(workshop.title)}</h2>',
        ]
        if workshop.room:
            lines.append(f'<p class="room">{html.escape(workshop.room)}</p>')
        if workshop.lead:
            lines.append(f'<p class="lead">Led by {html.escape(workshop.lead)}</p>')
        signs.append('<section class="sign">' + "".join(lines) + "</section>")
    return _SIGN_PAGE.format(title=html.escape(f"{event_name}: door signs"), body="\n".join(signs))


_SIGN_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>
@page {{ size: A4 landscape; margin: 0; }}
* {{ box-sizing: border-box; }}
html, body {{ margin: 0; padding: 0; }}
body {{
  font-family: Arial, Helvetica, "Liberation Sans", sans-serif; color: #000; background: #fff;
}}
.sign {{
  width: 297mm; height: 210mm; padding: 14mm 16mm; overflow: hidden;
  display: flex; flex-direction: column; justify-content: center; align-items: center;
  text-align: center; border: 0; break-after: page; page-break-after: always;
}}
.sign:last-child {{ break-after: auto; page-break-after: auto; }}
.round {{ font-size: 30pt; margin: 0 0 6mm; letter-spacing: 0.02em; }}
.surnames {{ font-size: 80pt; line-height: 1.05; margin: 0 0 10mm; font-weight: 900; }}
.workshop {{ font-size: 54pt; line-height: 1.05; margin: 0 0 5mm; }}
.room {{ font-size: 38pt; margin: 0 0 4mm; }}
.lead {{ font-size: 22pt; margin: 0; color: #333; }}
</style></head>
<body>
{body}
</body></html>
"""
