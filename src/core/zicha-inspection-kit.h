/* zicha-inspection-kit.h — 迎检材料: the evidence of a report, ready for
 * an on-site spot check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One PDF index (index.pdf: A4, Noto CJK, zh-cn, laid out with
 * ZichaPageLayout like the printed documents) that lists, section by
 * section in form order, every answer that has evidence (the item's
 * label, the row's title for table rows, the answer as the 自查表 prints
 * it) and each evidence file's name, size, SHA-256 and place in the kit;
 * then the evidence files themselves:
 *
 *   index.pdf
 *   evidence/<section id>/<NN>-<safe file name>
 *
 * written as a ZIP (libarchive, UTF-8 names) or as a folder. NN counts the
 * files of a section from 01, in the order of the index. The file name
 * part comes from zicha_inspection_kit_safe_file_name(): whatever the user
 * called a file, no entry can leave its folder, be absolute or hidden.
 *
 * Output is atomic: everything goes into a temporary file (or folder)
 * beside the target, fsync'ed, and is renamed into place at the end; on a
 * failure or cancellation nothing is left behind and an existing ZIP at
 * the target is untouched. A folder target must not exist yet. Every
 * evidence file is checked against the size and SHA-256 the store
 * recorded while it is written.
 */
#pragma once

#include <gio/gio.h>

#include "zicha-form.h"
#include "zicha-store.h"

G_BEGIN_DECLS

#define ZICHA_INSPECTION_KIT_ERROR (zicha_inspection_kit_error_quark ())

typedef enum
{
  ZICHA_INSPECTION_KIT_ERROR_HASH_MISMATCH, /* the store's bytes differ from its record */
  ZICHA_INSPECTION_KIT_ERROR_WRITE_FAILED,  /* libarchive could not write */
} ZichaInspectionKitError;

GQuark zicha_inspection_kit_error_quark (void);

#define ZICHA_INSPECTION_KIT_INDEX_NAME   "index.pdf"
#define ZICHA_INSPECTION_KIT_EVIDENCE_DIR "evidence"

typedef enum
{
  ZICHA_INSPECTION_KIT_ZIP,
  ZICHA_INSPECTION_KIT_FOLDER,
} ZichaInspectionKitFormat;

/* One evidence file and the answer it backs. */
typedef struct
{
  ZichaFormSection *section;     /* borrowed from the form; NULL when the form lacks the field */
  ZichaFormItem    *item;        /* the item, table or column; NULL likewise */
  char             *label;       /* "1. 单位名称"; "信息系统 — 系统名称" for a cell */
  char             *row_id;      /* nullable */
  char             *row_title;   /* the row's title, for table rows; nullable */
  char             *value;       /* the answer as a table cell prints it; "" when none */
  ZichaAttachment  *attachment;  /* owned */
  char             *entry_name;  /* "evidence/<section>/<NN>-<safe name>" */
} ZichaInspectionKitEntry;

void       zicha_inspection_kit_entry_free     (ZichaInspectionKitEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZichaInspectionKitEntry, zicha_inspection_kit_entry_free)

/* What the kit of a report holds (ZichaInspectionKitEntry), in the order
 * of the index: section, item, row, then as attached. */
GPtrArray *zicha_inspection_kit_list           (ZichaStore    *store,
                                                ZichaForm     *form,
                                                const char    *report_uuid,
                                                GError       **error);

/* The last component of @file_name (after / or \), valid UTF-8, without
 * control, bidi-override or Windows-reserved characters (each becomes _),
 * without leading or trailing dots and spaces, at most 120 bytes (the
 * extension kept); "file" when nothing is left. "../../etc/passwd" →
 * "passwd", "/abs/x.pdf" → "x.pdf". */
char      *zicha_inspection_kit_safe_file_name (const char    *file_name);

/* The index PDF alone, for a preview; @now (nullable: the current time)
 * is printed as the time the kit was made. */
GBytes    *zicha_inspection_kit_render_index   (ZichaReport   *report,
                                                ZichaForm     *form,
                                                GPtrArray     *entries,
                                                GDateTime     *now,
                                                GCancellable  *cancellable,
                                                GError       **error);

/* Called after each step: @done of @total, where the index is one step
 * and each evidence file another. */
typedef void (*ZichaInspectionKitProgressFunc) (guint    done,
                                                guint    total,
                                                gpointer user_data);

/* Writes the kit of a report to @output_path (see above). Errors: the
 * store's, ZICHA_DOCUMENT_ERROR_FONTS_MISSING, ZICHA_INSPECTION_KIT_ERROR,
 * G_IO_ERROR (G_IO_ERROR_EXISTS for an existing folder target,
 * G_IO_ERROR_CANCELLED). */
gboolean   zicha_inspection_kit_export         (ZichaStore                     *store,
                                                ZichaForm                      *form,
                                                const char                     *report_uuid,
                                                ZichaInspectionKitFormat        format,
                                                const char                     *output_path,
                                                ZichaInspectionKitProgressFunc  progress,
                                                gpointer                        user_data,
                                                GCancellable                   *cancellable,
                                                GError                        **error);

G_END_DECLS
