/* zicha-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zicha-form.h"
#include "zicha-store.h"
#include "zicha-sync.h"

G_BEGIN_DECLS

#define ZICHA_TYPE_APPLICATION (zicha_application_get_type ())

G_DECLARE_FINAL_TYPE (ZichaApplication, zicha_application, ZICHA, APPLICATION, AdwApplication)

ZichaApplication *zicha_application_new               (void);

/* Where the reports live: --db, or $XDG_DATA_HOME/zicha/zicha.db. */
const char       *zicha_application_get_database_path (ZichaApplication  *self);
void              zicha_application_set_database_path (ZichaApplication  *self,
                                                       const char        *path);

/* Opens the store on first use. NULL with @error when the database cannot
 * be trusted (see ZichaStoreError); nothing is changed then. */
ZichaStore       *zicha_application_get_store         (ZichaApplication  *self,
                                                       GError           **error);
/* Forgets a failed or replaced store so the next get opens it again. */
void              zicha_application_reset_store       (ZichaApplication  *self);

/* The form a report was made with; NULL with @error when it is not
 * installed. */
ZichaForm        *zicha_application_get_form          (ZichaApplication  *self,
                                                       const char        *form_id,
                                                       const char        *form_version,
                                                       GError           **error);
/* Delivery to the platform; NULL while there is no platform address or no
 * unit token (see zicha_application_get_sync_problem()). Emits
 * notify::sync when it comes or goes. */
ZichaSync        *zicha_application_get_sync          (ZichaApplication  *self);
/* Why there is no delivery, for the user; NULL when there is. */
const char       *zicha_application_get_sync_problem  (ZichaApplication  *self);
/* The platform address: the preference, else the form's. */
char             *zicha_application_dup_platform_url  (ZichaApplication  *self);
/* Looks the token up again and restarts delivery (after preferences). */
void              zicha_application_restart_sync      (ZichaApplication  *self);
/* Emits "notices-changed" after the app itself changed the stored notices
 * or their feedback (feedback written in a dialog), as the sync does
 * after it fetched them. */
void              zicha_application_notices_changed   (ZichaApplication  *self);

/* The form new reports use. */
ZichaForm        *zicha_application_get_default_form  (ZichaApplication  *self,
                                                       GError           **error);

G_END_DECLS
