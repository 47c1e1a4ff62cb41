"""Tiny real audio files for tests, written without any tool: see demo.audio."""

from demo.audio import m4a_bytes, mp3_bytes

__all__ = ["m4a_bytes", "mp3_bytes"]
