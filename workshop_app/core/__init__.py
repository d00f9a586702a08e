"""Pure domain rules: models, keys, allocation. Imports neither textual nor tinydb."""
