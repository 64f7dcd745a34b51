package pdfwrite

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"image"
	"image/color"
	_ "image/gif" // GIF images are decoded and written as pixels
	_ "image/png" // so are PNG images
	"strconv"
)

// Image is an image registered with a document, drawn with DrawImage.
type Image struct {
	name          string // resource name, /Im1 …
	width, height int
	dict          string // the XObject's entries besides Length and Filter
	data          []byte
	compress      bool
	mask          *Image // soft mask (alpha), or nil
	sum           [sha256.Size]byte
}

// RegisterImage makes a JPEG, PNG or GIF image drawable. A JPEG is
// embedded as it is; other formats are decoded and their pixels
// compressed, with any transparency as a soft mask. The same bytes
// registered twice are one image in the file.
func (d *Document) RegisterImage(data []byte) (*Image, error) {
	sum := sha256.Sum256(data)
	for _, im := range d.images {
		if im.sum == sum {
			return im, nil
		}
	}
	var im *Image
	var err error
	if len(data) > 2 && data[0] == 0xFF && data[1] == 0xD8 {
		im, err = jpegImage(data)
	} else {
		im, err = pixelImage(data)
	}
	if err != nil {
		return nil, err
	}
	im.sum = sum
	im.name = "Im" + strconv.Itoa(len(d.images)+1)
	d.images = append(d.images, im)
	return im, nil
}

// DrawImage draws im with its top-left corner at (x, y), w by h points.
func (d *Document) DrawImage(im *Image, x, y, w, h float64) {
	p := d.current()
	seen := false
	for _, other := range p.images {
		seen = seen || other == im
	}
	if !seen {
		p.images = append(p.images, im)
	}
	c := &p.content
	c.WriteString("q ")
	num(c, w)
	c.WriteString(" 0 0 ")
	num(c, h)
	c.WriteByte(' ')
	num(c, x)
	c.WriteByte(' ')
	num(c, d.height-y-h)
	c.WriteString(" cm /")
	c.WriteString(im.name)
	c.WriteString(" Do Q\n")
}

// jpegImage reads a JPEG's frame header for its size and colour model;
// the file itself is the DCTDecode stream. The headers run up to the
// first scan: an Adobe marker may come after the frame header.
func jpegImage(data []byte) (*Image, error) {
	width, height, components, adobe := 0, 0, 0, false
headers:
	for i := 2; i+4 <= len(data); {
		if data[i] != 0xFF {
			if width > 0 {
				break headers // stray bytes after the frame header, which readers skip
			}
			return nil, errors.New("a JPEG marker is missing where one should be")
		}
		marker := data[i+1]
		switch {
		case marker == 0xFF:
			i++
			continue
		case marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01:
			i += 2
			continue
		case marker == 0xDA || marker == 0xD9:
			break headers // the first scan, or the end of the image
		}
		// The length counts its own two bytes.
		length := int(data[i+2])<<8 | int(data[i+3])
		if length < 2 {
			return nil, fmt.Errorf("a JPEG segment (marker 0x%02X) gives its length as %d", marker, length)
		}
		seg := data[i+4 : min(len(data), i+2+length)]
		switch {
		case marker == 0xEE && bytes.HasPrefix(seg, []byte("Adobe")):
			adobe = true
		case marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC:
			// DCTDecode reads 8-bit baseline and progressive Huffman
			// JPEGs (PDF 32000-1, 7.4.8); no reader is bound to draw
			// lossless, hierarchical or arithmetic-coded ones.
			if marker > 0xC2 {
				return nil, fmt.Errorf("the JPEG's coding process (SOF%d) is not one PDF's DCTDecode reads: "+
					"save it as a baseline or progressive JPEG", marker-0xC0)
			}
			if len(seg) < 6 {
				return nil, errors.New("the JPEG's frame header is cut short")
			}
			if seg[0] != 8 {
				return nil, fmt.Errorf("the JPEG has %d-bit samples; DCTDecode in a PDF reads 8-bit ones", seg[0])
			}
			height = int(seg[1])<<8 | int(seg[2])
			width = int(seg[3])<<8 | int(seg[4])
			components = int(seg[5])
		}
		i += 2 + length
	}
	if width == 0 || height == 0 {
		return nil, errors.New("the JPEG has no frame header")
	}
	var space string
	switch components {
	case 1:
		space = "/DeviceGray"
	case 3:
		space = "/DeviceRGB"
	case 4:
		space = "/DeviceCMYK"
		if adobe {
			// Adobe's CMYK JPEGs store inverted values.
			space += "/Decode[1 0 1 0 1 0 1 0]"
		}
	default:
		return nil, fmt.Errorf("a JPEG with %d colour components", components)
	}
	return &Image{width: width, height: height, data: data,
		dict: imageDict(width, height, space) + "/Filter/DCTDecode"}, nil
}

func imageDict(w, h int, space string) string {
	return "/Type/XObject/Subtype/Image/Width " + strconv.Itoa(w) + "/Height " + strconv.Itoa(h) +
		"/ColorSpace" + space + "/BitsPerComponent 8"
}

// pixelImage decodes a PNG or GIF into 8-bit grey or RGB samples, with
// its alpha channel, if any is not opaque, as a soft mask.
func pixelImage(data []byte) (*Image, error) {
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	_, grey := img.(*image.Gray)
	channels := 3
	if grey {
		channels = 1
	}
	samples := make([]byte, 0, w*h*channels)
	alpha := make([]byte, 0, w*h)
	opaque := true
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			if grey {
				samples = append(samples, c.R)
			} else {
				samples = append(samples, c.R, c.G, c.B)
			}
			alpha = append(alpha, c.A)
			opaque = opaque && c.A == 0xFF
		}
	}
	space := "/DeviceRGB"
	if grey {
		space = "/DeviceGray"
	}
	im := &Image{width: w, height: h, data: samples, compress: true, dict: imageDict(w, h, space)}
	if !opaque {
		im.mask = &Image{width: w, height: h, data: alpha, compress: true, dict: imageDict(w, h, "/DeviceGray")}
	}
	return im, nil
}

// writeImage writes the image (and its mask) once per file, returning its
// object. The number is the file's, not the image's: each Bytes call
// writes a new file.
func (o *objects) writeImage(im *Image) int {
	if n, ok := o.images[im]; ok {
		return n
	}
	dict := im.dict
	if im.mask != nil {
		dict += "/SMask " + ref(o.writeImage(im.mask))
	}
	n := o.reserve()
	o.stream(n, dict, im.data, im.compress)
	if o.images == nil {
		o.images = map[*Image]int{}
	}
	o.images[im] = n
	return n
}
