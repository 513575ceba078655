"""livemigrate: move Gemini Live API code from 2.5 native audio to 3.1 Flash Live.

Three faces over one engine: a linter (``livemigrate check``), a codemod (``livemigrate fix``)
and a runtime adapter (``livemigrate.shim``). Importing this package stays cheap: nothing
heavy (libcst, google-genai) is imported here.
"""

__version__ = "0.1.0"
