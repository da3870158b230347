/* zicha-page-pdf.c — a laid-out document as a PDF in memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-document"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>

#include "zicha-document.h"
#include "zicha-document-text.h"
#include "zicha-page-pdf.h"

/* Where the page number sits, as in the 自查表 and 自查报告. */
#define FOOTER_FROM_BOTTOM 44.0

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
draw_footer (ZichaPageLayout *layout,
             cairo_t         *cr,
             guint            page_index,
             double           width,
             double           height)
{
  g_autofree char *page = g_strdup_printf ("%u", page_index + 1);
  g_autofree char *pages = g_strdup_printf ("%u", zicha_page_layout_get_n_pages (layout));
  g_autoptr(GString) footer = g_string_new (zicha_document_text_get ()->footer);
  double left = zicha_page_layout_get_left (layout);

  g_string_replace (footer, "{page}", page, 0);
  g_string_replace (footer, "{pages}", pages, 0);
  cairo_set_source_rgb (cr, 0, 0, 0);
  zicha_page_layout_draw_text (layout, cr, ZICHA_TEXT_FOOTER, footer->str, left, height - FOOTER_FROM_BOTTOM,
                               width - 2 * left, ZICHA_ALIGN_CENTER);
}

GBytes *
zicha_page_pdf_render (ZichaPageLayout  *layout,
                       const char       *title,
                       const char       *author,
                       GCancellable     *cancellable,
                       GError          **error)
{
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  guint n_pages = zicha_page_layout_get_n_pages (layout);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  gboolean cancelled = FALSE;
  double width, height;

  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  zicha_page_layout_get_page_size (layout, 0, &width, &height);
  surface = cairo_pdf_surface_create_for_stream (append_bytes, pdf, width, height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  if (author != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, author);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Zicha " PACKAGE_VERSION);
  cr = cairo_create (surface);

  for (guint i = 0; i < n_pages; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          cancelled = TRUE;
          break;
        }
      zicha_page_layout_get_page_size (layout, i, &width, &height);
      cairo_pdf_surface_set_size (surface, width, height);
      zicha_page_layout_draw_page (layout, cr, i);
      draw_footer (layout, cr, i, width, height);
      cairo_show_page (cr);
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (cancelled)
    return NULL;
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, ZICHA_DOCUMENT_ERROR, ZICHA_DOCUMENT_ERROR_FAILED,
                   _("Cannot draw the document: %s"), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&pdf));
}
