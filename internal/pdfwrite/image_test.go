package pdfwrite_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/imprint-press/imprint/internal/pdfwrite"
)

// jpegHeaders is a JPEG's marker segments, each written FF marker length
// payload, between SOI and a first scan; nothing is decoded, so the scan
// itself is left out.
func jpegHeaders(segs ...[]byte) []byte {
	out := []byte{0xFF, 0xD8}
	for _, s := range segs {
		out = append(out, 0xFF, s[0], byte((len(s)+1)>>8), byte(len(s)+1))
		out = append(out, s[1:]...)
	}
	return append(out, 0xFF, 0xDA, 0, 2, 0xFF, 0xD9)
}

// frame is a frame header (SOFn) for a 60 by 40 image of comps components
// with the given sample precision.
func frame(sof byte, precision byte, comps int) []byte {
	s := []byte{sof, precision, 0, 40, 0, 60, byte(comps)}
	for i := range comps {
		s = append(s, byte(i+1), 0x11, 0)
	}
	return s
}

var adobeAPP14 = append([]byte{0xEE}, "Adobe\x00\x64\x00\x00\x00\x00\x02"...)

// TestJPEGHeaders reads frame headers as ISO 32000-1 7.4.8 (DCTDecode)
// allows them, and refuses what would panic or what readers cannot draw.
func TestJPEGHeaders(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []byte
		fail string // a word of the error; "" when it must be accepted
		dict string // when accepted, what the image dictionary holds
	}{
		{"baseline", jpegHeaders(frame(0xC0, 8, 3)), "", "/Width 60/Height 40/ColorSpace/DeviceRGB"},
		{"extended", jpegHeaders(frame(0xC1, 8, 1)), "", "/ColorSpace/DeviceGray"},
		{"progressive", jpegHeaders(frame(0xC2, 8, 3)), "", "/ColorSpace/DeviceRGB"},
		// An Adobe marker may follow the frame header (ITU T.81 B.2.1
		// puts tables/misc segments on both sides of it).
		{"Adobe after frame", jpegHeaders(frame(0xC0, 8, 4), adobeAPP14), "", "/DeviceCMYK/Decode[1 0 1 0 1 0 1 0]"},
		{"Adobe before frame", jpegHeaders(adobeAPP14, frame(0xC0, 8, 4)), "", "/DeviceCMYK/Decode[1 0 1 0 1 0 1 0]"},
		{"zero segment length", []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 0, 0, 0}, "length", ""},
		{"one segment length", []byte{0xFF, 0xD8, 0xFF, 0xE1, 0, 1, 0xFF, 0xC0}, "length", ""},
		{"arithmetic", jpegHeaders(frame(0xC9, 8, 3)), "SOF9", ""},
		{"lossless", jpegHeaders(frame(0xC3, 8, 3)), "SOF3", ""},
		{"12-bit", jpegHeaders(frame(0xC1, 12, 3)), "12-bit", ""},
		{"no frame", jpegHeaders([]byte{0xE0, 'J', 'F', 'I', 'F', 0}), "no frame", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := pdfwrite.New(100, 100, pdfwrite.Info{})
			im, err := d.RegisterImage(tc.data)
			if tc.fail != "" {
				if err == nil || !strings.Contains(err.Error(), tc.fail) {
					t.Fatalf("error %v, want one about %q", err, tc.fail)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			d.DrawImage(im, 0, 0, 10, 10)
			out, err := d.Bytes()
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(out, []byte(tc.dict)) {
				t.Errorf("the image dictionary lacks %s", tc.dict)
			}
		})
	}
}
