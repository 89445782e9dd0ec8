// Display width lives in CellWidth, below both the toolkit and HeardCore's list formats (one
// definition of how many cells text takes); the toolkit and its clients see it as before.
@_exported import CellWidth
