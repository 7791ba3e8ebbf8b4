/** Response schemas of logistics routes. */
import { Type } from 'typebox';
import type { ParcelTracking, orderTracking } from '@zhongcao/core';
import { describe } from '../http/schemas.js';

export const ParcelTrackingSchema = describe<ParcelTracking>()(
  Type.Object({
    shipmentId: Type.String(),
    carrier: Type.String(),
    trackingNo: Type.String(),
    status: Type.String(),
    events: Type.Array(
      Type.Object({ status: Type.String(), at: Type.Number(), location: Type.String(), description: Type.String() }),
    ),
  }),
);

export const OrderTrackingResultSchema = describe<Awaited<ReturnType<typeof orderTracking>>>()(
  Type.Object({ parcels: Type.Array(ParcelTrackingSchema) }),
);

/** The carriers' waybill formats (pattern: the regular expression's source). */
export const CarrierListSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      carrier: Type.String(),
      code: Type.String(),
      pattern: Type.String({ description: 'regular expression a waybill number of this carrier matches' }),
      example: Type.String(),
    }),
  ),
});
