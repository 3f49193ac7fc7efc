// poppler's GLib interface (PDF text and page rendering) and cairo (the surfaces pages are rendered to, and
// the PDFs and images the fixture writer draws). Debian: libpoppler-glib-dev, which brings libcairo2-dev.
#include <poppler.h>
#include <cairo.h>
#include <cairo-pdf.h>
