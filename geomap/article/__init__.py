"""Reading articles: files and strings in, cleaned `Article` records out.

    from geomap.article import read_article, article_from_text, iter_input_rows, InputRow

See `reader` for how title, date and id are chosen, `clean` for what counts as scrape noise,
`decode` for encodings and size limits, and `rows` for batch input (folders, JSONL, CSV).
"""

from geomap.article.clean import Cleaned, Removal, clean_text, normalise
from geomap.article.decode import DEFAULT_MAX_BYTES
from geomap.article.reader import article_from_text, read_article
from geomap.article.rows import InputRow, iter_input_rows

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Cleaned",
    "InputRow",
    "Removal",
    "article_from_text",
    "clean_text",
    "iter_input_rows",
    "normalise",
    "read_article",
]
