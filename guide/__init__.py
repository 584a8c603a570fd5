"""The living guide de l'exercice coordonné: pages, revisions, attachments, search."""
