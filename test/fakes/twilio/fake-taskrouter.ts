import { sid } from './resources';
import { error, notFound, ProductRoute, str } from './fake-http';
import { taskChannelJson, taskJson, workflowJson, workspaceJson } from './taskrouter-json';
import { listJson } from './resources';
import type { WebhookDelivery } from './signed-webhooks';

export interface FakeWorker {
  sid: string;
  /** The worker's friendly name; Flex uses the agent's identity, e.g. alice@example.com. */
  name: string;
  attributes: Record<string, unknown>;
}

export interface FakeReservation {
  sid: string;
  worker: FakeWorker;
  status: 'pending' | 'accepted' | 'wrapping' | 'completed' | 'canceled';
}

export interface FakeTask {
  sid: string;
  attributes: string;
  assignmentStatus: 'pending' | 'reserved' | 'assigned' | 'wrapping' | 'completed' | 'canceled';
  taskChannel: { sid: string; uniqueName: string };
  reservations: FakeReservation[];
  reason: string | null;
  created: Date;
  updated: Date;
}

export interface FakeWorkspace {
  sid: string;
  friendlyName: string;
  eventCallbackUrl: string | null;
  /** Comma-separated event types (null: all), as the Workspace resource stores EventsFilter. */
  eventsFilter: string | null;
  defaultActivitySid: string;
  queueSid: string;
  workflow: { sid: string; friendlyName: string };
  taskChannels: { sid: string; uniqueName: string; friendlyName: string }[];
  created: Date;
}

/** Sends one signed form webhook (FakeTwilio.send). */
type Send = (url: string, params: Record<string, string>) => Promise<WebhookDelivery>;

/**
 * TaskRouter as a Flex account has it: the "Flex Task Assignment" workspace with its
 * "Assign to Anyone" workflow and task channels, tasks, reservations offered to workers,
 * and the workspace's event callback: each event is POSTed form-encoded and signed to
 * EventCallbackUrl when EventsFilter lets it through (TaskRouter Events reference,
 * https://www.twilio.com/docs/taskrouter/api/event/reference).
 */
export class FakeTaskRouter {
  readonly workspace: FakeWorkspace;
  readonly tasks = new Map<string, FakeTask>();
  /** Every event TaskRouter produced (delivered or filtered out). */
  readonly events: { eventType: string; delivered: WebhookDelivery | null }[] = [];

  constructor(
    private readonly accountSid: string,
    private readonly send: Send,
    private readonly background: (work: () => Promise<unknown>) => void,
    ids: { workspaceSid: string; workflowSid: string },
  ) {
    this.workspace = {
      sid: ids.workspaceSid,
      friendlyName: 'Flex Task Assignment',
      eventCallbackUrl: null,
      eventsFilter: null,
      defaultActivitySid: sid('WA'),
      queueSid: sid('WQ'),
      workflow: { sid: ids.workflowSid, friendlyName: 'Assign to Anyone' },
      taskChannels: [
        { sid: sid('TC'), uniqueName: 'default', friendlyName: 'Default' },
        { sid: sid('TC'), uniqueName: 'voice', friendlyName: 'Voice' },
        { sid: sid('TC'), uniqueName: 'chat', friendlyName: 'Programmable Chat' },
      ],
      created: new Date(),
    };
  }

  /** A task entering the workflow (created by an Interaction or Studio's Send to Flex). */
  createTask(attributes: Record<string, unknown>, taskChannel: string): FakeTask | string {
    const channel = this.workspace.taskChannels.find((c) => c.uniqueName === taskChannel || c.sid === taskChannel);
    if (!channel) return `Task channel ${taskChannel} does not exist in ${this.workspace.sid}`;
    const now = new Date();
    const task: FakeTask = { sid: sid('WT'), attributes: JSON.stringify(attributes), assignmentStatus: 'pending', taskChannel: channel, reservations: [], reason: null, created: now, updated: now };
    this.tasks.set(task.sid, task);
    // TaskRouter calls back after the API call returns, never within it.
    this.background(async () => {
      await this.emit('task.created', task);
      await this.emit('workflow.entered', task);
    });
    return task;
  }

  /** The task is offered to a worker, who accepts it (the Flex UI's Accept button). */
  async accept(task: FakeTask, worker: FakeWorker): Promise<FakeReservation> {
    const reservation: FakeReservation = { sid: sid('WR'), worker, status: 'pending' };
    task.reservations.push(reservation);
    this.setStatus(task, 'reserved');
    await this.emit('reservation.created', task, reservation);
    reservation.status = 'accepted';
    this.setStatus(task, 'assigned');
    await this.emit('reservation.accepted', task, reservation);
    return reservation;
  }

  /** The agent ends the chat: the task and its reservation go to wrapping. */
  async wrapUp(task: FakeTask): Promise<void> {
    if (task.assignmentStatus !== 'assigned') return;
    this.setStatus(task, 'wrapping');
    for (const reservation of task.reservations.filter((r) => r.status === 'accepted')) {
      reservation.status = 'wrapping';
      await this.emit('reservation.wrapup', task, reservation);
    }
  }

  async complete(task: FakeTask, reason = 'Task completed'): Promise<void> {
    if (task.assignmentStatus === 'completed' || task.assignmentStatus === 'canceled') return;
    for (const reservation of task.reservations.filter((r) => r.status === 'accepted' || r.status === 'wrapping')) {
      reservation.status = 'completed';
      await this.emit('reservation.completed', task, reservation);
    }
    task.reason = reason;
    this.setStatus(task, 'completed');
    await this.emit('task.completed', task);
  }

  /** Nobody accepted before the workflow's timeout: workflow.timeout, then the task is canceled. */
  async timeOut(task: FakeTask): Promise<void> {
    if (task.assignmentStatus !== 'pending' && task.assignmentStatus !== 'reserved') return;
    await this.emit('workflow.timeout', task);
    task.reason = 'Task TTL Exceeded';
    this.setStatus(task, 'canceled');
    await this.emit('task.canceled', task);
  }

  taskOf(predicate: (attributes: Record<string, unknown>) => boolean): FakeTask | undefined {
    return [...this.tasks.values()].reverse().find((t) => predicate(JSON.parse(t.attributes) as Record<string, unknown>));
  }

  routes(): ProductRoute[] {
    const w = this.workspace;
    const inWorkspace = (given: string, then: () => ReturnType<ProductRoute['handler']>) => (given === w.sid ? then() : notFound(`Workspace ${given}`));
    const base = 'https://taskrouter.twilio.com/v1/Workspaces';
    return [
      {
        method: 'GET',
        template: '/v1/Workspaces',
        handler: ({ query }) => {
          const name = str(query.FriendlyName);
          const items = !name || name === w.friendlyName ? [workspaceJson(this.accountSid, w)] : [];
          return { status: 200, json: listJson('workspaces', base, items) };
        },
      },
      { method: 'GET', template: '/v1/Workspaces/{Sid}', handler: ({ path }) => inWorkspace(path.Sid, () => ({ status: 200, json: workspaceJson(this.accountSid, w) })) },
      { method: 'POST', template: '/v1/Workspaces/{Sid}', handler: ({ path, params }) => inWorkspace(path.Sid, () => this.updateWorkspace(params)) },
      {
        method: 'GET',
        template: '/v1/Workspaces/{WorkspaceSid}/Workflows',
        handler: ({ path, query }) =>
          inWorkspace(path.WorkspaceSid, () => {
            const name = str(query.FriendlyName);
            const items = !name || name === w.workflow.friendlyName ? [workflowJson(this.accountSid, w)] : [];
            return { status: 200, json: listJson('workflows', `${base}/${w.sid}/Workflows`, items) };
          }),
      },
      {
        method: 'GET',
        template: '/v1/Workspaces/{WorkspaceSid}/Workflows/{Sid}',
        handler: ({ path }) => inWorkspace(path.WorkspaceSid, () => (path.Sid === w.workflow.sid ? { status: 200, json: workflowJson(this.accountSid, w) } : notFound(`Workflow ${path.Sid}`))),
      },
      {
        method: 'GET',
        template: '/v1/Workspaces/{WorkspaceSid}/TaskChannels',
        handler: ({ path }) =>
          inWorkspace(path.WorkspaceSid, () => ({ status: 200, json: listJson('channels', `${base}/${w.sid}/TaskChannels`, w.taskChannels.map((c) => taskChannelJson(this.accountSid, w, c))) })),
      },
      {
        method: 'GET',
        template: '/v1/Workspaces/{WorkspaceSid}/Tasks/{Sid}',
        handler: ({ path }) =>
          inWorkspace(path.WorkspaceSid, () => {
            const task = this.tasks.get(path.Sid);
            return task ? { status: 200, json: taskJson(this.accountSid, w, task) } : notFound(`Task ${path.Sid}`);
          }),
      },
    ];
  }

  private updateWorkspace(params: Record<string, string | string[]>) {
    const url = str(params.EventCallbackUrl);
    if (url !== undefined) {
      if (url && !/^https?:\/\//.test(url)) return error(400, 20001, 'EventCallbackUrl must be an http(s) URL');
      this.workspace.eventCallbackUrl = url || null;
    }
    const filter = str(params.EventsFilter);
    if (filter !== undefined) this.workspace.eventsFilter = filter || null;
    const name = str(params.FriendlyName);
    if (name) this.workspace.friendlyName = name;
    return { status: 200, json: workspaceJson(this.accountSid, this.workspace) };
  }

  private setStatus(task: FakeTask, status: FakeTask['assignmentStatus']): void {
    task.assignmentStatus = status;
    task.updated = new Date();
  }

  /** The event callback's parameters (TaskRouter Events reference: common fields, then Task / Worker / Reservation data). */
  private async emit(eventType: string, task: FakeTask, reservation?: FakeReservation): Promise<void> {
    const w = this.workspace;
    const filter = w.eventsFilter?.split(',').map((e) => e.trim());
    if (!w.eventCallbackUrl || (filter && !filter.includes(eventType))) {
      this.events.push({ eventType, delivered: null });
      return;
    }
    const params: Record<string, string> = {
      Sid: sid('EV'),
      EventType: eventType,
      AccountSid: this.accountSid,
      WorkspaceSid: w.sid,
      WorkspaceName: w.friendlyName,
      EventDescription: `${eventType} for task ${task.sid}`,
      ResourceType: reservation ? 'reservation' : eventType.startsWith('workflow') ? 'workflow' : 'task',
      ResourceSid: reservation?.sid ?? task.sid,
      Timestamp: String(Math.floor(Date.now() / 1000)),
      TaskSid: task.sid,
      TaskAttributes: task.attributes,
      TaskAge: String(Math.floor((Date.now() - task.created.getTime()) / 1000)),
      TaskPriority: '0',
      TaskAssignmentStatus: task.assignmentStatus,
      TaskChannelSid: task.taskChannel.sid,
      TaskChannelUniqueName: task.taskChannel.uniqueName,
      TaskQueueSid: w.queueSid,
      WorkflowSid: w.workflow.sid,
      WorkflowName: w.workflow.friendlyName,
    };
    if (eventType === 'task.canceled' && task.reason) params.TaskCanceledReason = task.reason;
    if (eventType === 'task.completed' && task.reason) params.TaskCompletedReason = task.reason;
    if (reservation) {
      Object.assign(params, {
        ReservationSid: reservation.sid,
        WorkerSid: reservation.worker.sid,
        WorkerName: reservation.worker.name,
        WorkerAttributes: JSON.stringify(reservation.worker.attributes),
      });
    }
    this.events.push({ eventType, delivered: await this.send(w.eventCallbackUrl, params) });
  }
}
