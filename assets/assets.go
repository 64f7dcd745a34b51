// Package assets owns the files imprint builds into every edition rather
// than reading from the manuscript: for now the EPUB stylesheet, embedded so
// the binary needs nothing beside it.
package assets

import _ "embed"

// Stylesheet is the EPUB edition's CSS. It sets proportions, not faces: relative
// units throughout, no font the reader cannot override, no !important.
//
//go:embed style.css
var Stylesheet []byte
