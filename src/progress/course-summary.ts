import type { ExerciseId } from '../lessons/schema';
import { ownEntry } from '../lib/name-record';
import { isLessonFinished } from './lesson-finished';
import { type LessonMarks, lessonMarks } from './record';
import type { Progress, VerifyAttempt } from './schema';

/** A lesson as the Progress page and the home page's Continue link need it. */
export interface CourseLesson {
  /** The lesson id, also its URL path: `week-1/cidr`. */
  id: string;
  /** The lesson's title. */
  title: string;
  /** The exercise the lesson verifies, if any. */
  exercise?: ExerciseId;
}

/** One week of the course, its lessons in reading order. */
export interface CourseWeek {
  /** The week's number. */
  week: number;
  /** The week's heading, e.g. `Week 1: AWS foundations, EC2 and VPCs`. */
  title: string;
  /** The week's lessons, in order. */
  lessons: CourseLesson[];
}

/** What the learner did on one lesson. */
export interface LessonSummary {
  /** The lesson. */
  lesson: CourseLesson;
  /** Visited, quiz done and score, exercise verified. */
  marks: LessonMarks;
  /** When the learner last opened the lesson. */
  lastVisitedAt?: string;
  /** Every Verify attempt of the lesson's exercise, oldest first. */
  attempts: VerifyAttempt[];
  /** Opened, quiz done and, for an exercise, verified: see {@link isLessonFinished}. */
  finished: boolean;
}

/** One week's lessons with what the learner did on each, and how many are finished. */
export interface WeekSummary {
  /** The week's number. */
  week: number;
  /** The week's heading. */
  title: string;
  /** Each lesson, in order. */
  lessons: LessonSummary[];
  /** How many of the week's lessons are finished. */
  finished: number;
}

/** What the learner did on one lesson. */
export function lessonSummary(progress: Progress, lesson: CourseLesson): LessonSummary {
  const marks = lessonMarks(progress, lesson.id, lesson.exercise);
  return {
    lesson,
    marks,
    lastVisitedAt: ownEntry(progress.lessons, lesson.id)?.lastVisitedAt,
    attempts: lesson.exercise ? progress.attempts.filter((attempt) => attempt.exercise === lesson.exercise) : [],
    finished: isLessonFinished(marks, lesson.exercise),
  };
}

/** Each week of the course with what the learner did on every lesson. */
export function weekSummaries(progress: Progress, weeks: readonly CourseWeek[]): WeekSummary[] {
  return weeks.map(({ week, title, lessons }) => {
    const summaries = lessons.map((lesson) => lessonSummary(progress, lesson));
    return { week, title, lessons: summaries, finished: summaries.filter((lesson) => lesson.finished).length };
  });
}

/** The whole course in numbers, for the Progress page's totals. */
export interface CourseTotals {
  /** Lessons in the course. */
  lessons: number;
  /** Lessons opened at least once. */
  visited: number;
  /** Lessons finished. */
  finished: number;
  /** Quizzes answered in full. */
  quizzesDone: number;
  /** Right answers and questions over every quiz answered in full. */
  quizAnswers: { correct: number; total: number };
  /** Lessons with an exercise. */
  exercises: number;
  /** Exercises with a passing Verify attempt. */
  verified: number;
  /** Verify attempts of the course's exercises. */
  attempts: number;
}

/** The totals over every week. */
export function courseTotals(weeks: readonly WeekSummary[]): CourseTotals {
  const lessons = weeks.flatMap((week) => week.lessons);
  const quizzes = lessons.filter(({ marks }) => marks.quizDone).map(({ marks }) => marks.quizScore);
  return {
    lessons: lessons.length,
    visited: lessons.filter(({ marks }) => marks.visited).length,
    finished: lessons.filter(({ finished }) => finished).length,
    quizzesDone: quizzes.length,
    quizAnswers: {
      correct: quizzes.reduce((sum, score) => sum + (score?.correct ?? 0), 0),
      total: quizzes.reduce((sum, score) => sum + (score?.total ?? 0), 0),
    },
    exercises: lessons.filter(({ lesson }) => lesson.exercise).length,
    verified: lessons.filter(({ marks }) => marks.verified).length,
    attempts: lessons.reduce((sum, { attempts }) => sum + attempts.length, 0),
  };
}
