/* zicha-seal-block.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-document"

#include "config.h"

#include "zicha-document-text.h"
#include "zicha-seal-block.h"

#define SEAL_RADIUS 59.5   /* 42 mm */
#define SIGNATURE_GAP 30.0
#define NAME_HALF_WIDTH 100.0

/* The block after the space before it. */
static double
block_height (double line)
{
  return 3 * line + SIGNATURE_GAP + 2 * SEAL_RADIUS + line;
}

double
zicha_seal_block_get_height (ZichaPageLayout *layout)
{
  double line = zicha_page_layout_get_line_height (layout, ZICHA_TEXT_LABEL);

  return 2 * line + block_height (line);
}

void
zicha_seal_block_add (ZichaPageLayout      *layout,
                      const ZichaSealBlock *block)
{
  const ZichaDocumentText *text = zicha_document_text_get ();
  double line = zicha_page_layout_get_line_height (layout, ZICHA_TEXT_LABEL);
  double size = pango_font_description_get_size (zicha_page_layout_get_font (layout, ZICHA_TEXT_LABEL))
                / (double) PANGO_SCALE;
  double left = zicha_page_layout_get_left (layout);
  double width = zicha_page_layout_get_content_width (layout);
  double half = width / 2;
  double top, y, cx, cy;
  struct
  {
    const char *label;
    double      x;
  } signatures[] = {
    { text->signature_leader, left },
    { text->signature_security, left + half },
  };

  zicha_page_layout_add_space (layout, 2 * line);
  top = zicha_page_layout_begin_block (layout, block_height (line));
  y = top;

  /* Signature lines: the label, then a rule to the end of its half. The
   * labels are all Han characters, one em each. */
  for (guint i = 0; i < G_N_ELEMENTS (signatures); i++)
    {
      double label_width = g_utf8_strlen (signatures[i].label, -1) * size;

      zicha_page_layout_put_text (layout, ZICHA_TEXT_LABEL, signatures[i].label, signatures[i].x, y,
                                  label_width + size, ZICHA_ALIGN_LEFT);
      zicha_page_layout_put_line (layout, signatures[i].x + label_width, y + line,
                                  signatures[i].x + half - 12, y + line, 0.6);
    }
  y += 2 * line;

  {
    g_autofree char *contact = g_strconcat (text->contact, block->contact_name != NULL ? block->contact_name : "",
                                            NULL);
    g_autofree char *phone = g_strconcat (text->contact_phone,
                                          block->contact_phone != NULL ? block->contact_phone : "", NULL);

    zicha_page_layout_put_text (layout, ZICHA_TEXT_LABEL, contact, left, y, half - 12, ZICHA_ALIGN_LEFT);
    zicha_page_layout_put_text (layout, ZICHA_TEXT_LABEL, phone, left + half, y, half, ZICHA_ALIGN_LEFT);
  }
  y += line + SIGNATURE_GAP;

  /* The seal area, right of centre, over the name and the date. */
  cx = left + width - SEAL_RADIUS - 24;
  cy = y + SEAL_RADIUS;
  zicha_page_layout_put_circle (layout, cx, cy, SEAL_RADIUS);
  zicha_page_layout_put_text (layout, ZICHA_TEXT_NOTE, text->seal_mark, cx - SEAL_RADIUS, cy - SEAL_RADIUS + 14,
                              2 * SEAL_RADIUS, ZICHA_ALIGN_CENTER);
  {
    /* A long name wraps upwards, so the date stays below the centre. */
    double name_height = block->unit_name != NULL
                         ? zicha_page_layout_measure (layout, ZICHA_TEXT_LABEL, block->unit_name, 2 * NAME_HALF_WIDTH)
                         : line;

    zicha_page_layout_put_text (layout, ZICHA_TEXT_LABEL, block->unit_name, cx - NAME_HALF_WIDTH,
                                cy - name_height, 2 * NAME_HALF_WIDTH, ZICHA_ALIGN_CENTER);
    zicha_page_layout_put_text (layout, ZICHA_TEXT_LABEL, block->date != NULL ? block->date : text->blank_date,
                                cx - NAME_HALF_WIDTH, cy + 0.4 * line, 2 * NAME_HALF_WIDTH, ZICHA_ALIGN_CENTER);
  }
}
