/* store_report: the questions a report across sessions asks of the database.
 *
 * Owns finding an organisation by part of its name, choosing the sessions of a report
 * (organisation, days, id prefixes; each session's day is its agenda's date or the day it
 * started), reading their report_counts rows, and the contributions a report shows: every
 * recommendation, and the obstacles, successes and quotes of speakers who consent to be
 * quoted (the one place that reads consent: CONSENTED). Never writes, never projects,
 * never counts votes (sessions/ does). Its functions are declared in storage/store.h. */
#ifndef KLANKBORD_STORE_REPORT_H
#define KLANKBORD_STORE_REPORT_H

#include "storage/store.h"

#endif
