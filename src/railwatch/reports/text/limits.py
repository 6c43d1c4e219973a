"""How much one report may cost to read: the defaults `railwatch ingest` can raise."""

# Bytes read from one file, pipe or stdin, counted while reading.
MAX_BYTES = 5 * 1024 * 1024
# Extraction costs about 30 µs of CPU per character of cleaned text (linear); a report longer
# than this is refused rather than left to run for minutes. 200,000 characters is a 60-page
# article; `railwatch ingest --max-chars` raises it.
MAX_CHARS = 200_000
# A Telegram export holds a whole channel: read up to this much of it (or --max-bytes if larger).
MAX_EXPORT_BYTES = 64 * 1024 * 1024
