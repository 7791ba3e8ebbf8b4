/** Response schemas of 罗盘 (Compass): the metric catalogue, the overview, breakdowns (JSON, CSV or Excel), live rooms. */
import { Type, type TSchema, type TString, type TUnsafe } from 'typebox';
import {
  DIMENSIONS,
  METRIC_KEYS,
  SCOPES,
  type Breakdown,
  type DayRange,
  type LiveMinuteRow,
  type LiveRoomReport,
  type LiveRoomSummary,
  type MetricDefinition,
  type Overview,
} from '@zhongcao/core';
import { describe, Nullable, OneOf } from '../http/schemas.js';

const Values = Type.Record(OneOf(METRIC_KEYS), Nullable(Type.Number()), {
  description: 'every metric by key (fen, count or ratio as the catalogue says); null where it has no value',
});

const ScopeRefSchema = Type.Object({
  scope: OneOf(SCOPES),
  scopeId: Type.String({ description: 'the shop or creator id; empty for the platform' }),
});

const DayRangeSchema = describe<DayRange>()(
  Type.Object({
    from: Type.String({ description: 'YYYY-MM-DD (Asia/Shanghai)' }),
    to: Type.String({ description: 'YYYY-MM-DD, inclusive' }),
    start: Type.Integer({ description: 'epoch ms, inclusive' }),
    end: Type.Integer({ description: 'epoch ms, exclusive' }),
    days: Type.Integer(),
  }),
);

export const MetricCatalogueSchema = describe<{ items: Array<Omit<MetricDefinition, 'value'>> }>()(
  Type.Object({
    items: Type.Array(
      Type.Object({
        key: OneOf(METRIC_KEYS),
        unit: OneOf(['fen', 'count', 'ratio'] as const),
        nameKey: Type.String({ description: 'i18n key of the name' }),
        formulaKey: Type.String({ description: 'i18n key of the formula (the tooltip)' }),
        formula: Type.String({ description: 'the formula in plain words' }),
      }),
    ),
  }),
);

export const OverviewSchema = describe<Overview>()(
  Type.Object({
    scope: ScopeRefSchema,
    range: DayRangeSchema,
    previous: DayRangeSchema,
    focus: Nullable(Type.Object({ dim: OneOf(DIMENSIONS), id: Type.String(), name: Type.String() }), {
      description: 'the value filtered on (a product, a video …), when one was named',
    }),
    values: Values,
    previousValues: Values,
    trend: Type.Array(
      Type.Object({
        bucket: Type.Integer({ description: 'start of the day or hour, epoch ms' }),
        label: Type.String(),
        values: Values,
      }),
    ),
    active: Nullable(Type.Object({ shops: Type.Integer(), creators: Type.Integer() }), {
      description: 'the platform’s view: shops and creators with a sale in the range',
    }),
  }),
);

export const BreakdownSchema = describe<Breakdown>()(
  Type.Object({
    scope: ScopeRefSchema,
    range: DayRangeSchema,
    dim: OneOf(DIMENSIONS),
    rows: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), values: Values })),
  }),
);

const RoomSummarySchema = describe<LiveRoomSummary>()(
  Type.Object({
    id: Type.String(),
    title: Type.String(),
    status: Type.String(),
    openedAt: Nullable(Type.Integer()),
    endedAt: Nullable(Type.Integer()),
    minutes: Type.Integer({ description: 'minutes kept' }),
    peakViewers: Type.Integer(),
    comments: Type.Integer(),
    orders: Type.Integer(),
    gmvFen: Type.Integer(),
  }),
);

export const LiveRoomsSchema = describe<{ range: DayRange; rooms: LiveRoomSummary[] }>()(
  Type.Object({ range: DayRangeSchema, rooms: Type.Array(RoomSummarySchema) }),
);

const MinuteSchema = describe<LiveMinuteRow>()(
  Type.Object({
    room_id: Type.String(),
    minute: Type.Integer({ description: 'start of the minute, epoch ms' }),
    viewers: Type.Integer({ description: 'online' }),
    entries: Type.Integer(),
    comments: Type.Integer(),
    orders: Type.Integer(),
    gmv_fen: Type.Integer(),
  }),
);

export const LiveRoomReportSchema = describe<LiveRoomReport>()(
  Type.Object({
    room: RoomSummarySchema,
    minutes: Type.Array(MinuteSchema),
    topGmv: Type.Array(MinuteSchema, { description: 'the minutes with the most GMV, largest first' }),
    viewerPeaks: Type.Array(MinuteSchema, { description: 'minutes with more viewers than the minutes either side' }),
  }),
);

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A 200 answer that is JSON, or the same rows as a CSV or Excel file (`?format=csv|xlsx`). */
export function jsonOrFiles<S extends TSchema>(
  success: S,
): {
  200: {
    content: {
      'application/json': { schema: S };
      'text/csv': { schema: TString };
      [XLSX_TYPE]: { schema: TUnsafe<Uint8Array> };
    };
  };
} {
  return {
    200: {
      content: {
        'application/json': { schema: success },
        'text/csv': { schema: Type.String({ description: 'the same rows as CSV (UTF-8 with BOM)' }) },
        [XLSX_TYPE]: {
          schema: Type.Unsafe<Uint8Array>(
            Type.String({ format: 'binary', description: 'the same rows as an Excel workbook' }),
          ),
        },
      },
    },
  };
}
