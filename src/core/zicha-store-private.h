/* zicha-store-private.h — shared by the files that make up ZichaStore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "zicha-store.h"

G_BEGIN_DECLS

struct _ZichaStore
{
  GObject     parent_instance;

  char       *path;
  char       *author;
  sqlite3    *db;
  GHashTable *statements;  /* SQL text → prepared sqlite3_stmt, reused */

  /* zicha_store_begin_undo_step(): the report whose edits join one undo
   * step (0: none), and that step's change group once it has one. */
  gint64      step_report_id;
  gint64      step_group_id;
};

/* A statement from the store's cache. Release it (reset, bindings
 * cleared) when done, never finalize it: g_autoptr(ZichaStmt) does. */
typedef sqlite3_stmt ZichaStmt;

void      _zicha_stmt_release        (ZichaStmt     *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZichaStmt, _zicha_stmt_release)

/* Sets @error from the connection's last error. Returns FALSE. */
gboolean  _zicha_store_fail          (ZichaStore    *self,
                                      GError       **error);

/* The prepared statement for @sql, from the cache: preparing costs more
 * than most of the statements take to run. */
ZichaStmt *_zicha_store_prepare      (ZichaStore    *self,
                                      const char    *sql,
                                      GError       **error);
gboolean  _zicha_store_exec          (ZichaStore    *self,
                                      const char    *sql,
                                      GError       **error);
gboolean  _zicha_store_begin         (ZichaStore    *self,
                                      GError       **error);
gboolean  _zicha_store_commit        (ZichaStore    *self,
                                      GError       **error);
void      _zicha_store_rollback      (ZichaStore    *self);

/* Row id of a report, checking it exists and, if @must_be_draft, that it
 * can still be edited. Returns 0 with @error set otherwise. */
gint64    _zicha_store_report_id     (ZichaStore    *self,
                                      const char    *report_uuid,
                                      gboolean       must_be_draft,
                                      GError       **error);

/* Times as stored: ISO 8601, UTC, seconds ("2019-07-10T08:30:00Z").
 * _zicha_store_format_time() gives NULL for NULL. */
char      *_zicha_store_now           (void);
char      *_zicha_store_format_time   (GDateTime     *time);
/* A column's time as stored (a text without an offset reads as UTC), or
 * NULL for NULL; a column's text, copied. */
GDateTime *_zicha_store_column_time   (ZichaStmt     *stmt,
                                       int            column);
char      *_zicha_store_column_text   (ZichaStmt     *stmt,
                                       int            column);
/* Every row @stmt steps to, made by @from_row and freed by @free_func;
 * NULL with @error when a step fails. */
GPtrArray *_zicha_store_collect_rows  (ZichaStore    *self,
                                       ZichaStmt     *stmt,
                                       gpointer     (*from_row) (ZichaStmt *stmt),
                                       GDestroyNotify free_func,
                                       GError       **error);

void      _zicha_store_bind_text     (ZichaStmt     *stmt,
                                      int            index,
                                      const char    *text);

/* Copies answers, rows and attachments from one report to another inside
 * the caller's transaction. */
gboolean  _zicha_store_copy_contents (ZichaStore          *self,
                                      gint64               from_id,
                                      gint64               to_id,
                                      const char * const  *review_paths,
                                      GError             **error);

/* The outbox of reports and that of feedback (zicha-store-outbox.c) -------- */

/* The earliest time @sql selects in the first column of its one row, text
 * without a zone read in @default_tz (NULL: local); NULL with @error unset
 * when it is NULL. */
GDateTime *_zicha_store_select_time  (ZichaStore               *self,
                                      const char               *sql,
                                      GTimeZone                *default_tz,
                                      GError                  **error);
/* Runs @sql, an UPDATE that records @attempt: its parameters are 1 the
 * attempt's time, 2 the next attempt's (NULL when permanent), 3 permanent,
 * 4 status, 5 code, 6 message, 7 message_zh and 8 @uuid. Returns the
 * number of rows changed, or -1 with @error set. */
int       _zicha_store_record_attempt (ZichaStore               *self,
                                       const char               *sql,
                                       const char               *uuid,
                                       const ZichaOutboxAttempt *attempt,
                                       GError                  **error);

/* Inspects an existing file without changing it: SQLite header, schema
 * version, quick_check, locks. */
gboolean  _zicha_store_check_file    (const char    *path,
                                      GError       **error);

/* Whether the newest backup of @path is older than the backup interval. */
gboolean  _zicha_store_backup_due    (const char    *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
