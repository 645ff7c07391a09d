package graph

// SetEncodeChunk sets the chunk size of the JSON writer for a test and
// returns the function that restores it.
func SetEncodeChunk(n int) (restore func()) {
	old := encodeChunk
	encodeChunk = n
	return func() { encodeChunk = old }
}
