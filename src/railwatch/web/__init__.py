"""The map-and-timeline dashboard: static files served by the API at `/`.

Everything it loads ships in `static/` (Leaflet vendored from npm by tools/build_web.sh),
so it works offline. Report text is untrusted: the script writes it with textContent only.
"""
