import { csvShapes, lmsIds } from '../progress/class-csv-options';
import { xapiReportHelp } from './report-xapi-options';

/** `awscourse report --help`. Apart from the command, so that `awscourse help report` loads none of the report. */
export const reportHelp = `Usage: awscourse report [options] FILE|FOLDER...

Reads learners' progress files (the JSON "Download my progress" and "awscourse check" write), .zip archives of them
as an LMS gives an assignment's submissions, and folders (every .json and .zip file in them, and in their folders),
and prints the class: one row per learner, one column per exercise
(✓ passed at least once, ✗ attempted, not yet passed, – not attempted), the last attempt and the quiz average.

Options:
  --html FILE   also write the class dashboard to FILE, one HTML page that opens offline: a chart of the pass
                rate per exercise, the sortable matrix, the checks learners fail most, and the files skipped
  --csv FILE    also write the class to FILE as CSV, for a spreadsheet, a data tool or an LMS's gradebook
  --csv-format ${csvShapes.join('|')}
                tidy (the default): one row per check of every Verify attempt, with its message, hint and evidence;
                gradebook: one row per learner, each exercise scored out of 100 (passed: 100; attempted: the best
                attempt's share of passing checks; not attempted: empty) and the quiz average
  --lms ${lmsIds.join('|')}
                lay the gradebook out for that LMS's grade import: Canvas's student columns and Points Possible row,
                or Moodle's Email address and ID number columns (map the one your class's roster ids are in)
${xapiReportHelp}

A file that cannot be read is named with the reason and skipped; the rest are still reported, and the exit status
is 1. Two files of one learner are merged (each attempt once), and the report says so. Progress files are
self-reported: the account ids, resource ids and times in them are there for spot checks.
`;
