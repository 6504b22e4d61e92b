"""The terminal tool shipped in the offline bundle: ``lookup.py`` and the modules it imports.

These files run on their own next to ``errors.json`` (standard library only), so they import each other as
siblings and nothing else from ``build_tools``.
"""
