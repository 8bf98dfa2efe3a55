-- H2 (embedded store): the same schema as the PostgreSQL one, with H2 LOB types.
create table scheduled_tasks (
  task_name varchar(100) not null,
  task_instance varchar(100) not null,
  task_data blob,
  execution_time timestamp with time zone not null,
  picked boolean not null,
  picked_by varchar(200),
  last_success timestamp with time zone,
  last_failure timestamp with time zone,
  consecutive_failures int,
  last_heartbeat timestamp with time zone,
  version bigint not null,
  priority smallint,
  primary key (task_name, task_instance)
);
create index scheduled_tasks_execution_time on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat on scheduled_tasks (last_heartbeat);
create index scheduled_tasks_priority_time on scheduled_tasks (priority desc, execution_time asc);

create table radgate_job (
  id varchar(36) primary key,
  kind varchar(32) not null,
  state varchar(16) not null,
  spec clob not null,
  payload blob,
  result clob,
  run_attempts int not null default 0,
  delivery_attempts int not null default 0,
  last_error clob,
  created_at timestamp with time zone not null,
  updated_at timestamp with time zone not null,
  first_delivery_at timestamp with time zone,
  finished_at timestamp with time zone
);
create index radgate_job_state_updated on radgate_job (state, updated_at);

create table radgate_idempotency (
  idem_key varchar(400) primary key,
  fingerprint varchar(64) not null,
  answer clob not null,
  created_at timestamp with time zone not null
);
create index radgate_idempotency_created on radgate_idempotency (created_at);
