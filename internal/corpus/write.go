package corpus

import (
	"fmt"
	"os"
	"path/filepath"
)

// DocsPerDir is how many documents Write puts in one subfolder.
const DocsPerDir = 1000

// Write writes documents 0, 1, ... of the seed's corpus as .txt files under
// dir (in subfolders of DocsPerDir files: dir/000/gen-000000.txt) until at
// least maxBytes are written. It returns the number of files and bytes.
func Write(dir string, maxBytes int64, seed uint64) (files int, written int64, err error) {
	for i := 0; written < maxBytes; i++ {
		name, text := Document(seed, i)
		sub := filepath.Join(dir, fmt.Sprintf("%03d", i/DocsPerDir))
		if i%DocsPerDir == 0 {
			if err := os.MkdirAll(sub, 0o755); err != nil {
				return files, written, err
			}
		}
		if err := os.WriteFile(filepath.Join(sub, name+".txt"), text, 0o644); err != nil {
			return files, written, err
		}
		files++
		written += int64(len(text))
	}
	return files, written, nil
}
