/* zicha-pdf-chooser.h — where to save a PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A modal save chooser for @parent, offering @name and showing PDF
 * documents; the caller connects "response" and shows it. */
GtkFileChooserNative *zicha_pdf_chooser_new (GtkWindow  *parent,
                                             const char *title,
                                             const char *name);

G_END_DECLS
