"""Command modules added to the ``newsweave`` CLI.

Every module here that defines ``COMMANDS`` (a list of click commands) is
found by :func:`newsweave.cli.main` at start-up; a new area of the product adds
its commands by adding a module, without touching the core CLI.
"""
