/* zicha-test-pdf.c — reading back the PDFs the tests make
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <cairo.h>
#include <CUnit/CUnit.h>
#include <glib/gstdio.h>

#include "zicha-test-pdf.h"

PopplerDocument *
zicha_test_pdf_open (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  PopplerDocument *pdf = poppler_document_new_from_file (uri, NULL, &error);

  if (pdf == NULL)
    g_printerr ("%s: %s\n", path, error->message);
  CU_ASSERT_PTR_NOT_NULL_FATAL (pdf);
  return pdf;
}

PopplerDocument *
zicha_test_pdf_open_bytes (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  PopplerDocument *pdf = poppler_document_new_from_bytes (bytes, NULL, &error);

  if (pdf == NULL)
    g_printerr ("PDF in memory: %s\n", error->message);
  CU_ASSERT_PTR_NOT_NULL_FATAL (pdf);
  return pdf;
}

char *
zicha_test_pdf_dup_page_text (PopplerDocument *pdf,
                              int              index)
{
  g_autoptr(PopplerPage) page = poppler_document_get_page (pdf, index);

  CU_ASSERT_PTR_NOT_NULL_FATAL (page);
  return poppler_page_get_text (page);
}

char *
zicha_test_pdf_dup_text (PopplerDocument *pdf)
{
  GString *out = g_string_new (NULL);

  for (int i = 0; i < poppler_document_get_n_pages (pdf); i++)
    {
      g_autofree char *text = zicha_test_pdf_dup_page_text (pdf, i);

      g_string_append (out, text);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

char *
zicha_test_squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

void
zicha_test_pdf_save_png (PopplerDocument *pdf,
                         int              index,
                         const char      *name)
{
  g_autoptr(PopplerPage) page = poppler_document_get_page (pdf, index);
  g_autofree char *dir = g_build_filename (ZICHA_BUILD_ROOT, "screenshots", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  double width, height, scale = 1.6;
  cairo_surface_t *surface;
  cairo_t *cr;

  CU_ASSERT_PTR_NOT_NULL_FATAL (page);
  g_mkdir_with_parents (dir, 0755);
  poppler_page_get_size (page, &width, &height);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) (width * scale), (int) (height * scale));
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);
  /* poppler leaves the paper transparent */
  cairo_set_operator (cr, CAIRO_OPERATOR_DEST_OVER);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_destroy (cr);
  CU_ASSERT_EQUAL (cairo_surface_write_to_png (surface, path), CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

gboolean
zicha_test_run_tool (const char * const *argv,
                     char              **out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, out, &err, &status, &error))
    {
      g_printerr ("%s: %s\n", argv[0], error->message);
      return FALSE;
    }
  if (!g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("%s: %s\n%s%s\n", argv[0], error->message, out != NULL && *out != NULL ? *out : "",
                  err != NULL ? err : "");
      return FALSE;
    }
  return TRUE;
}

void
zicha_test_pdf_assert_valid (const char *path,
                             guint       min_fonts)
{
  const char *qpdf[] = { "qpdf", "--check", path, NULL };
  const char *pdffonts[] = { "pdffonts", path, NULL };
  g_autofree char *qpdf_out = NULL;
  g_autofree char *fonts_out = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_fonts = 0;
  gboolean past_rule = FALSE;

  CU_ASSERT_TRUE (zicha_test_run_tool (qpdf, &qpdf_out));
  CU_ASSERT_PTR_NOT_NULL (qpdf_out != NULL ? strstr (qpdf_out, "No syntax or stream encoding errors found") : NULL);

  CU_ASSERT_TRUE_FATAL (zicha_test_run_tool (pdffonts, &fonts_out));
  lines = g_strsplit (fonts_out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) words = g_ptr_array_new ();
      g_auto(GStrv) fields = NULL;

      if (g_str_has_prefix (lines[i], "----"))
        {
          past_rule = TRUE;
          continue;
        }
      if (!past_rule || *g_strstrip (lines[i]) == '\0')
        continue;

      /* name type… encoding emb sub uni object-id generation */
      fields = g_strsplit_set (lines[i], " ", -1);
      for (guint j = 0; fields[j] != NULL; j++)
        if (*fields[j] != '\0')
          g_ptr_array_add (words, fields[j]);
      CU_ASSERT_TRUE_FATAL (words->len >= 6);
      if (!g_str_equal (g_ptr_array_index (words, words->len - 5), "yes"))
        g_printerr ("\n  font not embedded: %s", lines[i]);
      CU_ASSERT_STRING_EQUAL (g_ptr_array_index (words, words->len - 5), "yes");
      n_fonts++;
    }
  CU_ASSERT_TRUE (n_fonts >= min_fonts);
}
