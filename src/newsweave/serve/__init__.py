"""Serve a store: REST API, web page, cross-lingual search and exports.

The HTTP side (:mod:`newsweave.serve.app`) needs FastAPI and uvicorn; the
rest (:mod:`~newsweave.serve.readstore`, :mod:`~newsweave.serve.corpus`,
:mod:`~newsweave.serve.sections`) uses only the core dependencies, so the CLI's
``newsweave export`` and the Python API can search and export without them.
Nothing here is imported by the core: importing this package costs nothing.
"""
