// TOML reading lives in ConfigFile, below both the toolkit and the store (one layer over
// TOMLKit); the toolkit's keymap and theme parsers, and its clients, see it as before.
@_exported import ConfigFile
