/* zicha-page-pdf.h — a laid-out document as a PDF in memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the short printed documents (the 整改反馈单, the 迎检材料 index):
 * every page of a ZichaPageLayout with "第 N 页 共 M 页" at its foot.
 * The 自查表 and 自查报告 draw more in their footers (zicha-document.c).
 */
#pragma once

#include <gio/gio.h>

#include "zicha-page-layout.h"

G_BEGIN_DECLS

/* @author nullable. NULL when cancelled (G_IO_ERROR_CANCELLED) or when
 * cairo fails (ZICHA_DOCUMENT_ERROR_FAILED). */
GBytes *zicha_page_pdf_render (ZichaPageLayout  *layout,
                               const char       *title,
                               const char       *author,
                               GCancellable     *cancellable,
                               GError          **error);

G_END_DECLS
