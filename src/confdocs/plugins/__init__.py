"""The plugin host: hook specifications, the pluggy manager, and what plugins provide."""

from .host import PluginFailure, PluginHost, PluginInfo, Provided, get_plugin_manager

__all__ = ["PluginFailure", "PluginHost", "PluginInfo", "Provided", "get_plugin_manager"]
