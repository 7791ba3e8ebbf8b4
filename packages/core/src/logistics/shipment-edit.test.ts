import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shipmentEditRefusal } from './shipment-edit.js';

const parcel = {
  orderStatus: 'shipped',
  shipmentStatus: 'in_transit',
  trackingStatus: null,
  carrier: '顺丰速运',
  trackingNo: 'SF0000000001',
};
const next = { carrier: '顺丰速运', trackingNo: 'SF0000000002' };

test("a parcel's tracking may change while it is on its way and the carrier has not scanned it", () => {
  assert.equal(shipmentEditRefusal(parcel, next), null);
  assert.equal(shipmentEditRefusal({ ...parcel, orderStatus: 'paid' }, next), null, 'a partly shipped order');
  assert.equal(shipmentEditRefusal({ ...parcel, shipmentStatus: 'delivered' }, next), 'PARCEL_DELIVERED');
  assert.equal(shipmentEditRefusal({ ...parcel, trackingStatus: 'delivered' }, next), 'PARCEL_DELIVERED');
  assert.equal(shipmentEditRefusal({ ...parcel, trackingStatus: 'collected' }, next), 'PARCEL_COLLECTED');
  for (const s of ['delivered', 'completed', 'cancelled', 'unpaid'])
    assert.equal(shipmentEditRefusal({ ...parcel, orderStatus: s }, next), 'ORDER_NOT_IN_TRANSIT', s);
  assert.equal(
    shipmentEditRefusal(parcel, { carrier: parcel.carrier, trackingNo: parcel.trackingNo }),
    'TRACKING_UNCHANGED',
  );
  assert.equal(
    shipmentEditRefusal(parcel, { carrier: '圆通速递', trackingNo: parcel.trackingNo }),
    null,
    'another carrier, same number',
  );
});
