// Tesseract's C API (OCR) and Leptonica (decoding the image files it reads). Debian: libtesseract-dev,
// libleptonica-dev, and tesseract-ocr-eng for the English model.
#include <tesseract/capi.h>
#include <leptonica/allheaders.h>
