package extract_test

import "golang.org/x/text/unicode/norm"

func toNFD(s string) string { return normNFD(s) }

func normNFD(s string) string { return norm.NFD.String(s) }
