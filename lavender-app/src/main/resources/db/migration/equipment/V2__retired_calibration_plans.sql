-- A retired calibration plan no longer blocks planning the same test on the same analyzer again.
drop index equipment.calibration_plan_scope;
create unique index calibration_plan_scope on equipment.calibration_plan (asset_id, coalesce(test_code, '*'))
    where active;
