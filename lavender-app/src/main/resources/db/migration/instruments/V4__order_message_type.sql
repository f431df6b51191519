-- The HL7 message pushed orders go out as: OML^O21 (v2.5.1) by default, ORM^O01 (v2.3.1) for analyzers that know
-- only the older general order message. ASTM analyzers get LIS2-A2 O records whatever this says.
alter table instruments.analyzer add column order_message text not null default 'OML_O21'
    check (order_message in ('OML_O21', 'ORM_O01'));
alter table instruments.analyzer add check (order_message = 'OML_O21' or protocol = 'HL7');
