"""The MkDocs-free core: load, validate, link and index a catalogue."""
