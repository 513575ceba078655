"""Run unmodified 2.5 Live API code on a 3.x Live model, warning once per call site.

    from google import genai
    from livemigrate import shim

    client = shim.wrap(genai.Client())          # or shim.install() for every client
    async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025",
                                       config=config_written_for_2_5) as session:
        ...                                     # 2.5 calls, adapted; warnings name LMxxx

Modules: ``translate`` (config and model id, a pure function), ``session`` (the session
adapter), ``messages`` (receive-side reshaping), ``inputs`` (reading what is sent),
``diagnostics`` (warnings and errors), ``client`` (wrap/install).
"""

from .client import ShimConnect, ShimOptions, install, is_installed, uninstall, wrap
from .diagnostics import (
    Adaptation,
    LiveMigrateError,
    LiveMigrateWarning,
    SetupTimeoutError,
    reset_warning_registry,
)
from .messages import TextEmulatedMessage, split_message
from .session import ShimSession
from .translate import Translation, translate_config

__all__ = [
    "wrap",
    "install",
    "uninstall",
    "is_installed",
    "translate_config",
    "Translation",
    "Adaptation",
    "ShimOptions",
    "ShimConnect",
    "ShimSession",
    "TextEmulatedMessage",
    "split_message",
    "LiveMigrateWarning",
    "LiveMigrateError",
    "SetupTimeoutError",
    "reset_warning_registry",
]
