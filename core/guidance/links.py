"""Which article answers the question a form or screen raises. One table, so that
every in-context link points where a test says it should."""

IN_CONTEXT = {
    # Today / care plan: each kind of reminder
    "repositioning": "repositioning",
    "passive_movement": "passive-movement-basics",
    "skin_check": "checking-skin",
    "mobility_check": "reversing-atrophy",
    "meal": "nutrition-swallowing",
    # Bedside logs (forms of the logging feature)
    "braden": "repositioning",
    "weight": "nutrition-swallowing",
    "swallowing": "nutrition-swallowing",
    "stop_swelling": "red-flags",
    "stop_suspected_clot": "red-flags",
    "stop_pain": "passive-movement-basics",
    # One page per joint group for each passive-movement step
    "prom_neck": "prom-neck",
    "prom_shoulder": "prom-shoulder",
    "prom_elbow_forearm": "prom-elbow-forearm",
    "prom_wrist": "prom-wrist",
    "prom_fingers_thumb": "prom-fingers-thumb",
    "prom_hip_knee": "prom-hip-knee",
    "prom_ankle_foot": "prom-ankle-foot",
}


def slug_for(context):
    return IN_CONTEXT.get(context)
