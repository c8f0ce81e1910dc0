"""The key-contact directory: organisations, people, functions, channels, rotas."""
