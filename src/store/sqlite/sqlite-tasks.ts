import type { Database } from 'better-sqlite3';
import type { Task } from '../../core/task';
import { CascadeError } from '../../errors';
import type { Store } from '../store';
import { isUniqueViolation } from './store-errors';
import { createTaskReader } from './task-reader';
import { taskToRow, type TaskRow } from './task-rows';

export type TaskMethods = Pick<Store, 'createTask' | 'updateTask' | 'getTask' | 'listTasks' | 'deleteTask' | 'findDependents'>;

function alreadyExists(error: unknown, message: string): unknown {
  return isUniqueViolation(error) ? new CascadeError('TASK_ALREADY_EXISTS', message, { cause: error }) : error;
}

export function createSqliteTasks(db: Database): TaskMethods {
  const insertTask = db.prepare<TaskRow>(`INSERT INTO tasks (id, name, spec, dependencies, warnings, created_at, updated_at)
    VALUES (@id, @name, @spec, @dependencies, @warnings, @created_at, @updated_at)`);
  const updateTaskRow = db.prepare<TaskRow, number>(`UPDATE tasks SET name = @name, spec = @spec, dependencies = @dependencies,
    warnings = @warnings, created_at = @created_at, updated_at = @updated_at WHERE id = @id RETURNING seq`).pluck();
  const insertDependency = db.prepare<[string, number, number]>('INSERT INTO task_dependencies (ref, task_seq, position) VALUES (?, ?, ?)');
  const deleteDependencies = db.prepare<[number]>('DELETE FROM task_dependencies WHERE task_seq = ?');
  const insertImage = db.prepare<[string, number]>('INSERT OR IGNORE INTO task_images (ref, task_seq) VALUES (?, ?)');
  const deleteImages = db.prepare<[number]>('DELETE FROM task_images WHERE task_seq = ?');
  const selectSeq = db.prepare<[string], number>('SELECT seq FROM tasks WHERE name = ?').pluck();
  // Unsent messages of deleted runs must not reach the bus; sent ones stay as the record.
  const deleteUnsentOutbox = db.prepare<[number]>('DELETE FROM outbox WHERE sent_at IS NULL AND run_seq IN (SELECT seq FROM runs WHERE task_seq = ?)');
  // Its dependency index entries and runs go with it (ON DELETE CASCADE).
  const deleteTaskRow = db.prepare<[number]>('DELETE FROM tasks WHERE seq = ?');

  const indexDependencies = (task: Task, seq: number): void => {
    task.dependencies.forEach((dependency, position) => insertDependency.run(dependency.ref, seq, position));
    for (const image of task.images) insertImage.run(image, seq);
  };

  const create = db.transaction((task: Task) => {
    indexDependencies(task, Number(insertTask.run(taskToRow(task)).lastInsertRowid));
  });

  const update = db.transaction((task: Task) => {
    const seq = updateTaskRow.get(taskToRow(task));
    if (seq === undefined) throw new CascadeError('TASK_NOT_FOUND', `task ${task.name} (${task.id}) does not exist`);
    deleteDependencies.run(seq);
    deleteImages.run(seq);
    indexDependencies(task, seq);
  });

  const remove = db.transaction((name: string): boolean => {
    const seq = selectSeq.get(name);
    if (seq === undefined) return false;
    deleteUnsentOutbox.run(seq);
    deleteTaskRow.run(seq);
    return true;
  });

  return {
    ...createTaskReader(db),
    createTask: async (task) => {
      try {
        create.immediate(task);
      } catch (error) {
        throw alreadyExists(error, `a task named ${task.name} (or with id ${task.id}) already exists`);
      }
    },
    updateTask: async (task) => {
      try {
        update.immediate(task);
      } catch (error) {
        throw alreadyExists(error, `another task is named ${task.name}`);
      }
    },
    deleteTask: async (name) => remove.immediate(name),
  };
}
