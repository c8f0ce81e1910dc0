"""The PySide6 desktop client: Qt models over core queries, thin views and dialogs."""
