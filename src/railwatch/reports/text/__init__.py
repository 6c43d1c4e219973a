"""Stage 1, read: a file, page, pipe or Telegram export becomes a `Report` with clean text.

Belongs here: decoding and size limits (`ingest_text`, `limits`), HTML to text
(`html_text`), page furniture (`furniture`), Telegram Desktop exports (`telegram`) and
splitting text into sentences (`sentences`). Nothing here decides what an incident is;
`railwatch.reports.pipeline` runs extraction after reading.
"""
