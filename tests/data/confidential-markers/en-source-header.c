/*
 * Copyright (c) 2019-2025 Kestrel Avionics Inc. All rights reserved.
 *
 * PROPRIETARY AND CONFIDENTIAL
 * Unauthorized copying of this file, via any medium, is strictly prohibited.
 * This software is the confidential and proprietary information of Kestrel Avionics Inc.
 */
// SPDX-License-Identifier: LicenseRef-Kestrel-Proprietary

#include "flight_envelope.h"

static double clamp_pitch(double deg) { return deg > 15.0 ? 15.0 : deg; }
